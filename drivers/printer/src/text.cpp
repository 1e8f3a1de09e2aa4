#include "drivers/printer/text.h"

#include <algorithm>

#include "base/utf8.h"

namespace drivers::printer {

using base::utf8_decode;
using base::utf8_encode;

int char_columns(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return 0;
  return cp < 0x80 ? 1 : 2;
}

int text_columns(std::string_view utf8) {
  int n = 0;
  for (char32_t cp : utf8_decode(utf8)) n += char_columns(cp);
  return n;
}

bool is_closing_punctuation(char32_t cp) {
  static constexpr std::u32string_view kClosing =
      U",.;:?!)]}%，。、；：？！）］｝」』】〕〉》”’…·％～";
  return kClosing.find(cp) != std::u32string_view::npos;
}

bool is_opening_punctuation(char32_t cp) {
  static constexpr std::u32string_view kOpening = U"([{（［｛「『【〔〈《“‘";
  return kOpening.find(cp) != std::u32string_view::npos;
}

namespace {

bool is_word_char(char32_t cp) {
  return cp > 0x20 && cp < 0x7F;
}

int width_of(std::u32string_view s) {
  int n = 0;
  for (char32_t cp : s) n += char_columns(cp);
  return n;
}

void wrap_paragraph(std::u32string_view text, int columns, std::vector<std::string>& out) {
  std::u32string line;
  int width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = text[i];
    int w = char_columns(cp);
    if (w == 0) {
      ++i;
      continue;
    }
    if (width + w <= columns || line.empty()) {
      line.push_back(cp);
      width += w;
      ++i;
      continue;
    }
    // The line is full: choose what moves down to the next line.
    std::u32string carry;
    if (is_word_char(cp) && is_word_char(line.back())) {
      // Break an ASCII word at its last space when there is one on this line.
      auto space = line.find_last_of(U' ');
      if (space != std::u32string::npos && space > 0) {
        carry = line.substr(space + 1);
        line.erase(space);
      }
    }
    // Closing punctuation may not start a line: take characters down with it. Opening
    // punctuation may not end one.
    auto needs_more = [&](char32_t first) {
      return line.size() > 1 &&
             (is_closing_punctuation(first) || is_opening_punctuation(line.back()));
    };
    while (needs_more(carry.empty() ? cp : carry.front()) &&
           width_of(carry) + w + char_columns(line.back()) <= columns) {
      carry.insert(carry.begin(), line.back());
      line.pop_back();
    }
    while (!line.empty() && line.back() == U' ') line.pop_back();
    out.push_back(utf8_encode(line));
    while (!carry.empty() && carry.front() == U' ') carry.erase(carry.begin());
    line = carry;
    width = width_of(line);
    if (line.empty() && cp == U' ') ++i;  // a space at a break disappears
  }
  while (!line.empty() && line.back() == U' ') line.pop_back();
  out.push_back(utf8_encode(line));
}

}  // namespace

std::vector<std::string> wrap_text(std::string_view utf8, int columns) {
  columns = std::max(columns, 1);
  std::vector<std::string> lines;
  std::u32string text = utf8_decode(utf8);
  std::size_t start = 0;
  while (true) {
    auto end = text.find(U'\n', start);
    std::u32string_view paragraph(text.data() + start,
                                  (end == std::u32string::npos ? text.size() : end) - start);
    wrap_paragraph(paragraph, columns, lines);
    if (end == std::u32string::npos) break;
    start = end + 1;
  }
  return lines;
}

std::string pad_left(std::string_view utf8, int columns) {
  int w = text_columns(utf8);
  return std::string(static_cast<std::size_t>(std::max(0, columns - w)), ' ') + std::string(utf8);
}

std::string pad_right(std::string_view utf8, int columns) {
  int w = text_columns(utf8);
  return std::string(utf8) + std::string(static_cast<std::size_t>(std::max(0, columns - w)), ' ');
}

}  // namespace drivers::printer
