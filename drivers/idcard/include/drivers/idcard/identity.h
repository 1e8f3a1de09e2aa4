#pragma once
// The 256-byte text block of a card (reference/idcard.md §3-4), decoded. Pure, no I/O.
// The layout is chosen by the type flag at byte 248, never guessed from the content.
#include <compare>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/idcard/error.h"

namespace drivers::idcard {

inline constexpr std::size_t kTextSize = 256;

enum class CardType {
  resident,                // blank type flag: 居民身份证
  hk_mo_tw_permit,         // 'J': 港澳台居民居住证
  foreign_permanent,       // 'I': 外国人永久居留身份证 (2004/2017)
  foreign_permanent_2023,  // 'Y': 外国人永久居留身份证 (2023)
};
enum class Sex { male, female, unknown };

// "resident", "hk_mo_tw_permit", "foreign_permanent", "foreign_permanent_2023".
std::string_view card_type_name(CardType type);
// "male", "female", "unknown".
std::string_view sex_name(Sex sex);

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};
// YYYYMMDD (ASCII digits) that is a real calendar date; nothing otherwise.
std::optional<Date> parse_date(std::string_view yyyymmdd);
// "YYYY-MM-DD".
std::string format_date(const Date& date);
// Today in the local time zone (the terminal runs on China time).
Date today_local();

// A card's expiry: a date, or 长期 (long-term, holders of 46 and over).
struct Expiry {
  bool long_term = false;
  Date date;  // when !long_term
};
// "YYYY-MM-DD" or "long-term".
std::string format_expiry(const Expiry& expiry);

struct Identity {
  CardType card_type = CardType::resident;
  std::string name;     // Chinese name (may be empty on an 'I' card)
  std::string name_en;  // 'I' and 'Y': English name, inner spaces kept
  Sex sex = Sex::unknown;
  std::string nation_code;  // resident: two digits ("01")
  std::string nation;       // resident: "汉" (without 族); unknown codes "其他 (code NN)"
  Date birth_date;
  std::string address;    // resident and 'J'
  std::string id_number;  // in full; mask it before showing or logging it
  std::string issuer;     // resident and 'J': 签发机关; 'I': authority code
  Date valid_from;
  Expiry valid_to;
  std::string pass_number;      // 'J': 通行证号码
  std::string issue_count;      // 'J': 签发次数
  std::string nationality;      // 'I': ISO 3166 alpha-3; 'Y': country/region code
  std::string card_version;     // 'I'
  std::string renewal_count;    // 'Y': 换证次数
  std::string previous_number;  // 'Y': link to the previous card's number

  // The number has the right form and check character for the card type, and agrees with
  // the card's birth date and sex. `problems` says why not, without personal data.
  bool id_number_valid = false;
  std::vector<std::string> problems;

  // Past its valid-to date on TODAY (a card is valid through its last day).
  bool expired(const Date& today) const { return !valid_to.long_term && valid_to.date < today; }
  // Zeroes every personal string (names, number, address, dates) before dropping them.
  void wipe() noexcept;
};

// Decodes the 256-byte text block. Errors: wrong size, unknown type flag, a date field that
// is not a date. A number that fails its checks is NOT an error: see id_number_valid.
std::expected<Identity, Error> decode_identity(std::span<const std::uint8_t> text);

// UTF-16LE -> UTF-8, trailing spaces removed (inner spaces kept). Unpaired surrogates become
// U+FFFD; an odd trailing byte is ignored.
std::string utf16le_to_utf8(std::span<const std::uint8_t> bytes);
// UTF-8 -> UTF-16LE; invalid sequences become U+FFFD.
std::vector<std::uint8_t> utf8_to_utf16le(std::string_view text);
// Number of UTF-16 code units TEXT needs.
std::size_t utf16_length(std::string_view utf8);

// GB 3304 nation name for a two-digit code, without 族 ("01" -> "汉").
std::optional<std::string_view> nation_name(std::string_view code);

// ICAO 9303 7-3-1 check digit over digits and upper-case letters; '\0' on other characters.
char icao_check_digit(std::string_view text);

}  // namespace drivers::idcard
