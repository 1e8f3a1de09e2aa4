#pragma once
// Card fixtures for the simulator: small text files (assets/demo/cards/*.card) that say what
// a card holds, field by field, as the card stores it (raw digits, "长期", a wrong check
// character if that is the point). They are encoded into the 256-byte layout of their type.
//
//   # comment
//   label = 长期 resident card       (for menus and logs; not on the card)
//   type = resident | J | I | Y
//   name = 张三                       fields of the type's layout, see layout keys below
//   photo = zeros | pattern          (optional; default pattern)
//   fingerprints = 0 | 1 | 2         (optional; templates for 30 10; default 0)
//   appended_address = ...           (optional; answer to 30 03, else "no content")
//
// Keys: resident/J: name sex nation birth address number issuer valid_from valid_to
// pass_number issue_count. I: name_en sex number nationality name valid_from valid_to birth
// card_version issuer. Y: name sex renewal_count birth name_en (up to 46 chars) number
// valid_from valid_to nationality previous_number.
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/idcard/error.h"
#include "drivers/idcard/frame.h"

namespace drivers::idcard {

struct CardFixture {
  std::string label;
  std::filesystem::path path;  // empty when parsed from text
  CardData data;               // text, photo, fingerprints
  std::optional<Bytes> appended_address;  // 70 bytes UTF-16LE, or none (reply 91)
};

// Parses fixture TEXT; NAME names it in error messages.
std::expected<CardFixture, Error> parse_card_fixture(std::string_view text, std::string_view name);
std::expected<CardFixture, Error> load_card_fixture(const std::filesystem::path& path);
// Every *.card file in DIR, sorted by file name (the demo's F1..F4 order).
std::expected<std::vector<CardFixture>, Error> load_card_fixtures(const std::filesystem::path& dir);

}  // namespace drivers::idcard
