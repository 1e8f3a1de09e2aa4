#include "toml_guard.h"

#include <fmt/core.h>

namespace kiosk::store {
namespace {
enum class Where { bare, comment, basic, literal, ml_basic, ml_literal };

bool misread_by_toml(char32_t c) {
  return (c >= 0xA1 && c <= 0x499) || (c >= 0x2C5E && c <= 0x2FFF) ||
         (c >= 0x3001 && c <= 0x3057) || (c >= 0xFB26 && c <= 0xFEFE);
}

// Decodes leniently (by the lead byte's length): toml++ itself refuses malformed UTF-8.
char32_t decode(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  char32_t c = len == 4 ? lead & 0x07 : len == 3 ? lead & 0x0F : len == 2 ? lead & 0x1F : lead;
  std::size_t k = 1;
  for (; k < len && i + k < text.size(); ++k) {
    c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  i += k;
  return c;
}
}  // namespace

std::optional<std::string> unsafe_toml_character(std::string_view text) {
  Where where = Where::bare;
  int line = 1;
  std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  auto at = [&](std::string_view token) { return text.substr(i).starts_with(token); };
  while (i < text.size()) {
    const char b = text[i];
    if (b == '\n') ++line;
    if (static_cast<unsigned char>(b) >= 0x80) {
      const char32_t c = decode(text, i);
      if (where == Where::bare) {
        return fmt::format("line {}: only ASCII is allowed outside quotes and comments "
                           "(found U+{:04X}); put text in \"quotes\"", line,
                           static_cast<std::uint32_t>(c));
      }
      if (where != Where::comment && misread_by_toml(c)) {
        return fmt::format("line {}: the character U+{:04X} is refused in rules files outside "
                           "comments (Debian 12's TOML library misreads it); use other "
                           "punctuation", line, static_cast<std::uint32_t>(c));
      }
      continue;
    }
    switch (where) {
      case Where::bare:
        if (b == '#') where = Where::comment;
        else if (at("\"\"\"")) { where = Where::ml_basic; i += 2; }
        else if (at("'''")) { where = Where::ml_literal; i += 2; }
        else if (b == '"') where = Where::basic;
        else if (b == '\'') where = Where::literal;
        break;
      case Where::comment:
        if (b == '\n') where = Where::bare;
        break;
      case Where::basic:
      case Where::ml_basic:
        if (b == '\\' && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0x80) {
          if (text[i + 1] == '\n') ++line;
          ++i;  // the escaped ASCII character cannot end the string
        } else if (where == Where::basic && (b == '"' || b == '\n')) {
          where = Where::bare;
        } else if (where == Where::ml_basic && at("\"\"\"")) {
          i += 2;
          while (i + 1 < text.size() && text[i + 1] == '"') ++i;  // up to two more quotes
          where = Where::bare;
        }
        break;
      case Where::literal:
        if (b == '\'' || b == '\n') where = Where::bare;
        break;
      case Where::ml_literal:
        if (at("'''")) {
          i += 2;
          while (i + 1 < text.size() && text[i + 1] == '\'') ++i;
          where = Where::bare;
        }
        break;
    }
    ++i;
  }
  return std::nullopt;
}

}  // namespace kiosk::store
