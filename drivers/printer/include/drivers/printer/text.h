#pragma once
// Text layout in printer columns: one column per ASCII character, two per character printed
// with the Hanzi font (everything else). Wrapping never splits a character and keeps
// closing punctuation off the start of a line (and opening punctuation off its end).
// UTF-8 itself is base/utf8.h.
#include <string>
#include <string_view>
#include <vector>

namespace drivers::printer {

// 0 for control characters, 1 for printable ASCII, 2 for anything else.
int char_columns(char32_t cp);
int text_columns(std::string_view utf8);

bool is_closing_punctuation(char32_t cp);
bool is_opening_punctuation(char32_t cp);

// Splits on '\n', then wraps each paragraph to at most `columns` columns. A character wider
// than `columns` gets a line of its own. Control characters other than '\n' are dropped.
std::vector<std::string> wrap_text(std::string_view utf8, int columns);

// Pads with spaces to exactly `columns` (text already fits).
std::string pad_left(std::string_view utf8, int columns);   // text at the right
std::string pad_right(std::string_view utf8, int columns);  // text at the left

}  // namespace drivers::printer
