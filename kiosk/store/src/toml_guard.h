#pragma once
// A screen in front of toml++ 3.3.0 (Debian 12). Its is_non_ascii_horizontal_whitespace()
// reaches __builtin_unreachable() for U+00A1-U+0499, U+2C5E-U+2FFF, U+3001-U+3057 and
// U+FB26-U+FEFE (undefined behaviour, found by tests/fuzz/rules_toml), and the parser asks it
// about characters outside strings, in quoted keys and in multi-line strings. TOML allows
// non-ASCII only in strings and comments, so this refuses non-ASCII outside those, and those
// code points anywhere but in comments, before toml++ sees the text.
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::store {

// nullopt when the text is safe to parse; otherwise "line N: ..." saying what to change.
std::optional<std::string> unsafe_toml_character(std::string_view text);

}  // namespace kiosk::store
