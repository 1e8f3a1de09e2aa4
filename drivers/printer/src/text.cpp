#include "drivers/printer/text.h"

#include <algorithm>

namespace drivers::printer {

std::u32string utf8_decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (!ok || cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string utf8_encode(std::u32string_view text) {
  std::string out;
  for (char32_t cp : text) utf8_append(out, cp);
  return out;
}

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

bool is_word_char(char32_t cp) { return cp > 0x20 && cp < 0x7F; }

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
      return line.size() > 1 && (is_closing_punctuation(first) || is_opening_punctuation(line.back()));
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
