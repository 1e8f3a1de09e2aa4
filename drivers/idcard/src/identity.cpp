#include "drivers/idcard/identity.h"

#include <algorithm>
#include <ctime>

#include <fmt/core.h>

#include "base/mod11_2.h"
#include "base/utf8.h"

#include "layout.h"

namespace drivers::idcard {
namespace {

constexpr std::string_view kNations[] = {
    "汉",     "蒙古",   "回",       "藏",     "维吾尔",   "苗",   "彝",     "壮",
    "布依",   "朝鲜",   "满",       "侗",     "瑶",       "白",   "土家",   "哈尼",
    "哈萨克", "傣",     "黎",       "傈僳",   "佤",       "畲",   "高山",   "拉祜",
    "水",     "东乡",   "纳西",     "景颇",   "柯尔克孜", "土",   "达斡尔", "仫佬",
    "羌",     "布朗",   "撒拉",     "毛南",   "仡佬",     "锡伯", "阿昌",   "普米",
    "塔吉克", "怒",     "乌孜别克", "俄罗斯", "鄂温克",   "德昂", "保安",   "裕固",
    "京",     "塔塔尔", "独龙",     "鄂伦春", "赫哲",     "门巴", "珞巴",   "基诺",
};
static_assert(std::size(kNations) == 56);

bool is_digits(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

std::string field_text(std::span<const std::uint8_t> text, std::string_view key, CardType type) {
  for (const auto& field : layout::fields_of(type)) {
    if (field.key == key) return utf16le_to_utf8(text.subspan(field.offset, field.chars * 2));
  }
  return {};
}

Sex sex_from_code(std::string_view code) {
  if (code == "1") return Sex::male;
  if (code == "2") return Sex::female;
  return Sex::unknown;
}

std::expected<Date, Error> required_date(const std::string& value, std::string_view what) {
  if (auto date = parse_date(value)) return *date;
  return std::unexpected(Error{
      Error::Kind::data,
      fmt::format("the card's {} is not a date in YYYYMMDD form (a garbled read? put the card "
                  "on the reader again)",
                  what)});
}

std::expected<Expiry, Error> expiry_of(const std::string& value) {
  if (value == "长期") return Expiry{true, {}};
  auto date = required_date(value, "valid-to date");
  if (!date) return std::unexpected(date.error());
  return Expiry{false, *date};
}

// Form, check character, birth date and sex of an 18-character number (resident, 'J', 'Y').
void check_18(Identity& id, std::vector<std::string>& problems) {
  const std::string& n = id.id_number;
  if (n.size() != 18 || !is_digits(std::string_view(n).substr(0, 17)) ||
      !(is_digits(std::string_view(n).substr(17)) || n[17] == 'X')) {
    problems.emplace_back("the number is not 17 digits followed by a check character (0-9 or X)");
    return;
  }
  if (base::mod11_2_check(std::string_view(n).substr(0, 17)) != n[17]) {
    problems.emplace_back("the number's check character (MOD 11-2) is wrong");
  }
  if (std::string_view(n).substr(6, 8) !=
      fmt::format("{:04}{:02}{:02}", id.birth_date.year, id.birth_date.month, id.birth_date.day)) {
    problems.emplace_back("the birth date inside the number differs from the card's birth date");
  }
  bool odd = (n[16] - '0') % 2 == 1;
  if (id.sex != Sex::unknown && odd != (id.sex == Sex::male)) {
    problems.emplace_back("the sex digit of the number (17th) differs from the card's sex");
  }
}

// 'I' card: AAA + 4-digit region + YYMMDD + sex digit + ICAO 7-3-1 check digit.
void check_15(Identity& id, std::vector<std::string>& problems) {
  const std::string& n = id.id_number;
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (n.size() != 15 || !std::all_of(n.begin(), n.begin() + 3, upper) ||
      !is_digits(std::string_view(n).substr(3))) {
    problems.emplace_back("the number is not 3 letters followed by 12 digits");
    return;
  }
  if (icao_check_digit(std::string_view(n).substr(0, 14)) != n[14]) {
    problems.emplace_back("the number's check digit (ICAO 7-3-1) is wrong");
  }
  if (!id.nationality.empty() && id.nationality != n.substr(0, 3)) {
    problems.emplace_back("the nationality inside the number differs from the card's nationality");
  }
  if (std::string_view(n).substr(7, 6) != fmt::format("{:02}{:02}{:02}", id.birth_date.year % 100,
                                                      id.birth_date.month, id.birth_date.day)) {
    problems.emplace_back("the birth date inside the number differs from the card's birth date");
  }
  bool odd = (n[13] - '0') % 2 == 1;
  if (id.sex != Sex::unknown && odd != (id.sex == Sex::male)) {
    problems.emplace_back("the sex digit of the number (14th) differs from the card's sex");
  }
}

void secure_clear(std::string& s) noexcept {
  volatile char* p = s.data();
  for (std::size_t i = 0; i < s.size(); ++i) p[i] = 0;
  s.clear();
}

}  // namespace

std::string_view card_type_name(CardType type) {
  switch (type) {
    case CardType::resident: return "resident";
    case CardType::hk_mo_tw_permit: return "hk_mo_tw_permit";
    case CardType::foreign_permanent: return "foreign_permanent";
    case CardType::foreign_permanent_2023: return "foreign_permanent_2023";
  }
  return "resident";
}

std::string_view sex_name(Sex sex) {
  switch (sex) {
    case Sex::male: return "male";
    case Sex::female: return "female";
    case Sex::unknown: return "unknown";
  }
  return "unknown";
}

std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 8 || !is_digits(s)) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  Date d{num(0, 4), num(4, 2), num(6, 2)};
  if (d.year < 1800 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  int days = kDays[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
  if (d.day > days) return std::nullopt;
  return d;
}

std::string format_date(const Date& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

Date today_local() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::localtime_r(&now, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string format_expiry(const Expiry& expiry) {
  return expiry.long_term ? std::string("long-term") : format_date(expiry.date);
}

std::string utf16le_to_utf8(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  std::size_t units = bytes.size() / 2;
  auto unit = [&](std::size_t i) {
    return static_cast<char16_t>(bytes[2 * i] | bytes[2 * i + 1] << 8);
  };
  std::size_t end = units;
  while (end > 0 && unit(end - 1) == u' ') --end;
  for (std::size_t i = 0; i < end; ++i) {
    char16_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < end && unit(i + 1) >= 0xDC00 &&
        unit(i + 1) <= 0xDFFF) {
      char32_t cp = 0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (unit(i + 1) - 0xDC00);
      base::utf8_append(out, cp);
      ++i;
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      base::utf8_append(out, 0xFFFD);
    } else {
      base::utf8_append(out, u);
    }
  }
  return out;
}

std::vector<std::uint8_t> utf8_to_utf16le(std::string_view text) {
  std::vector<std::uint8_t> out;
  auto put = [&](char16_t u) {
    out.push_back(static_cast<std::uint8_t>(u & 0xFF));
    out.push_back(static_cast<std::uint8_t>(u >> 8));
  };
  for (char32_t cp : base::utf8_decode(text)) {
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(static_cast<char16_t>(0xD800 + (cp >> 10)));
      put(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      put(static_cast<char16_t>(cp));
    }
  }
  return out;
}

std::size_t utf16_length(std::string_view utf8) {
  return utf8_to_utf16le(utf8).size() / 2;
}

std::optional<std::string_view> nation_name(std::string_view code) {
  if (code.size() != 2 || !is_digits(code)) return std::nullopt;
  int n = (code[0] - '0') * 10 + (code[1] - '0');
  if (n >= 1 && n <= 56) return kNations[n - 1];
  if (n == 97) return "其他";
  if (n == 98) return "外国血统中国籍人士";
  return std::nullopt;
}

char icao_check_digit(std::string_view text) {
  static constexpr int kWeights[3] = {7, 3, 1};
  int sum = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    int v = 0;
    if (c >= '0' && c <= '9') {
      v = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      v = c - 'A' + 10;
    } else {
      return '\0';
    }
    sum += v * kWeights[i % 3];
  }
  return static_cast<char>('0' + sum % 10);
}

std::expected<Identity, Error> decode_identity(std::span<const std::uint8_t> text) {
  if (text.size() != kTextSize) {
    return std::unexpected(
        Error{Error::Kind::data,
              fmt::format("card text block is {} bytes; GA 467 cards have 256", text.size())});
  }
  auto flag = static_cast<char16_t>(text[layout::kTypeOffset] | text[layout::kTypeOffset + 1] << 8);
  Identity id;
  switch (flag) {
    case u' ': id.card_type = CardType::resident; break;
    case u'J': id.card_type = CardType::hk_mo_tw_permit; break;
    case u'I': id.card_type = CardType::foreign_permanent; break;
    case u'Y': id.card_type = CardType::foreign_permanent_2023; break;
    default:
      return std::unexpected(Error{
          Error::Kind::data,
          fmt::format("unknown card type flag U+{:04X} at byte 248 (expected blank, J, I or Y)",
                      static_cast<unsigned>(flag))});
  }
  const CardType type = id.card_type;
  auto get = [&](std::string_view key) { return field_text(text, key, type); };

  id.name = get("name");
  id.sex = sex_from_code(get("sex"));
  id.id_number = get("number");
  auto birth = required_date(get("birth"), "birth date");
  if (!birth) return std::unexpected(birth.error());
  id.birth_date = *birth;
  auto from = required_date(get("valid_from"), "valid-from date");
  if (!from) return std::unexpected(from.error());
  id.valid_from = *from;
  auto to = expiry_of(get("valid_to"));
  if (!to) return std::unexpected(to.error());
  id.valid_to = *to;

  std::vector<std::string> problems;
  switch (type) {
    case CardType::resident: {
      id.nation_code = get("nation");
      auto nation = nation_name(id.nation_code);
      id.nation = nation ? std::string(*nation) : fmt::format("其他 (code {})", id.nation_code);
      id.address = get("address");
      id.issuer = get("issuer");
      check_18(id, problems);
      break;
    }
    case CardType::hk_mo_tw_permit: {
      id.address = get("address");
      id.issuer = get("issuer");
      id.pass_number = get("pass_number");
      id.issue_count = get("issue_count");
      check_18(id, problems);
      std::string_view prefix = std::string_view(id.id_number).substr(0, 6);
      if (prefix != "810000" && prefix != "820000" && prefix != "830000") {
        problems.emplace_back("a residence permit number starts with 810000, 820000 or 830000");
      }
      break;
    }
    case CardType::foreign_permanent:
      id.name_en = get("name_en");
      id.nationality = get("nationality");
      id.card_version = get("card_version");
      id.issuer = get("issuer");
      check_15(id, problems);
      break;
    case CardType::foreign_permanent_2023: {
      // The English name continues at byte 220; join the raw halves before trimming, since
      // the 35th character may be an inner space.
      std::vector<std::uint8_t> joined(text.begin() + 52, text.begin() + 52 + 70);
      joined.insert(joined.end(), text.begin() + 220, text.begin() + 220 + 22);
      id.name_en = utf16le_to_utf8(joined);
      id.renewal_count = get("renewal_count");
      id.nationality = get("nationality");
      id.previous_number = get("previous_number");
      check_18(id, problems);
      if (!id.id_number.starts_with('9')) {
        problems.emplace_back("a 2023 permanent-residence number starts with 9");
      }
      break;
    }
  }
  id.id_number_valid = problems.empty();
  id.problems = std::move(problems);
  return id;
}

void Identity::wipe() noexcept {
  for (std::string* s : {&name, &name_en, &address, &id_number, &pass_number, &previous_number,
                         &nation_code, &nation, &issuer, &nationality}) {
    secure_clear(*s);
  }
  volatile int* dates[] = {&birth_date.year,    &birth_date.month,    &birth_date.day,
                           &valid_from.year,    &valid_from.month,    &valid_from.day,
                           &valid_to.date.year, &valid_to.date.month, &valid_to.date.day};
  for (auto* d : dates) *d = 0;
}

}  // namespace drivers::idcard
