#include "drivers/idcard/card_file.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/core.h>

#include "layout.h"

namespace drivers::idcard {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::unexpected<Error> bad(std::string_view name, std::size_t line, std::string message) {
  return std::unexpected(Error{Error::Kind::bad_argument,
                               line ? fmt::format("{}:{}: {}", name, line, message)
                                    : fmt::format("{}: {}", name, message)});
}

void put_text(std::array<std::uint8_t, 256>& text, std::size_t offset, std::span<const std::uint8_t> utf16) {
  std::ranges::copy(utf16, text.begin() + static_cast<std::ptrdiff_t>(offset));
}

}  // namespace

std::expected<CardFixture, Error> parse_card_fixture(std::string_view content, std::string_view name) {
  struct Entry {
    std::string key, value;
    std::size_t line;
  };
  std::vector<Entry> entries;
  std::size_t line_no = 0;
  while (!content.empty()) {
    auto nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content = nl == std::string_view::npos ? std::string_view{} : content.substr(nl + 1);
    ++line_no;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    auto eq = line.find('=');
    if (eq == std::string_view::npos) return bad(name, line_no, "expected 'key = value'");
    std::string key(trim(line.substr(0, eq)));
    std::string value(trim(line.substr(eq + 1)));
    if (std::ranges::any_of(entries, [&](const Entry& e) { return e.key == key; })) {
      return bad(name, line_no, fmt::format("'{}' is given twice", key));
    }
    entries.push_back({key, value, line_no});
  }

  CardFixture card;
  card.label = std::string(name);
  auto type_entry = std::ranges::find(entries, std::string("type"), &Entry::key);
  if (type_entry == entries.end()) return bad(name, 0, "missing 'type = resident | J | I | Y'");
  CardType type;
  if (type_entry->value == "resident") {
    type = CardType::resident;
  } else if (type_entry->value == "J") {
    type = CardType::hk_mo_tw_permit;
  } else if (type_entry->value == "I") {
    type = CardType::foreign_permanent;
  } else if (type_entry->value == "Y") {
    type = CardType::foreign_permanent_2023;
  } else {
    return bad(name, type_entry->line,
               fmt::format("unknown type '{}'; use resident, J, I or Y", type_entry->value));
  }

  auto& text = card.data.text;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    text[i] = 0x20;
    text[i + 1] = 0x00;
  }
  char16_t flag = layout::type_flag(type);
  text[layout::kTypeOffset] = static_cast<std::uint8_t>(flag);
  text[layout::kTypeOffset + 1] = 0;

  std::string photo = "pattern";
  int fingerprints = 0;
  for (const auto& entry : entries) {
    if (entry.key == "type") continue;
    if (entry.key == "label") {
      card.label = entry.value;
      continue;
    }
    if (entry.key == "photo") {
      if (entry.value != "zeros" && entry.value != "pattern") {
        return bad(name, entry.line, "photo is 'zeros' or 'pattern'");
      }
      photo = entry.value;
      continue;
    }
    if (entry.key == "fingerprints") {
      if (entry.value != "0" && entry.value != "1" && entry.value != "2") {
        return bad(name, entry.line, "fingerprints is 0, 1 or 2");
      }
      fingerprints = entry.value[0] - '0';
      continue;
    }
    if (entry.key == "appended_address") {
      auto utf16 = utf8_to_utf16le(entry.value);
      if (utf16.size() > 70) return bad(name, entry.line, "appended_address is longer than 35 characters");
      utf16.resize(70, 0);
      for (std::size_t i = utf8_to_utf16le(entry.value).size(); i < 70; i += 2) utf16[i] = 0x20;
      card.appended_address = std::move(utf16);
      continue;
    }
    auto fields = layout::fields_of(type);
    auto field = std::ranges::find(fields, std::string_view(entry.key), &layout::Field::key);
    if (field == fields.end() || entry.key == "name_en_2") {
      return bad(name, entry.line,
                 fmt::format("'{}' is not a field of a {} card", entry.key, card_type_name(type)));
    }
    auto utf16 = utf8_to_utf16le(entry.value);
    std::size_t room = field->chars;
    if (type == CardType::foreign_permanent_2023 && entry.key == "name_en") room = 35 + 11;
    if (utf16.size() / 2 > room) {
      return bad(name, entry.line,
                 fmt::format("'{}' has {} characters; the card has room for {}", entry.key,
                             utf16.size() / 2, room));
    }
    if (type == CardType::foreign_permanent_2023 && entry.key == "name_en" && utf16.size() > 70) {
      put_text(text, 52, std::span(utf16).first(70));
      put_text(text, 220, std::span(utf16).subspan(70));
    } else {
      put_text(text, field->offset, utf16);
    }
  }

  card.data.photo.assign(1024, 0);
  if (photo == "pattern") {
    // Any bytes will do (the host never decodes WLT); a pattern shows up in hex dumps.
    for (std::size_t i = 0; i < card.data.photo.size(); ++i) {
      card.data.photo[i] = static_cast<std::uint8_t>((i * 7 + 0x57) & 0xFF);
    }
  }
  card.data.fingerprint.assign(static_cast<std::size_t>(fingerprints) * 512, 0);
  for (int f = 0; f < fingerprints; ++f) {
    card.data.fingerprint[static_cast<std::size_t>(f) * 512 + 5] = f == 0 ? 11 : 16;  // finger position
  }
  return card;
}

std::expected<CardFixture, Error> load_card_fixture(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(Error{Error::Kind::bad_argument,
                                 fmt::format("{}: cannot open the card file", path.string())});
  }
  std::stringstream content;
  content << in.rdbuf();
  auto card = parse_card_fixture(content.str(), path.string());
  if (card) card->path = path;
  return card;
}

std::expected<std::vector<CardFixture>, Error> load_card_fixtures(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".card") paths.push_back(entry.path());
  }
  if (ec) {
    return std::unexpected(Error{Error::Kind::bad_argument,
                                 fmt::format("{}: cannot list card files: {}", dir.string(),
                                             ec.message())});
  }
  std::ranges::sort(paths);
  std::vector<CardFixture> cards;
  for (const auto& path : paths) {
    auto card = load_card_fixture(path);
    if (!card) return std::unexpected(card.error());
    cards.push_back(std::move(*card));
  }
  if (cards.empty()) {
    return std::unexpected(Error{Error::Kind::bad_argument,
                                 fmt::format("{}: no *.card files", dir.string())});
  }
  return cards;
}

}  // namespace drivers::idcard
