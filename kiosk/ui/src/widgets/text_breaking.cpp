#include "kiosk/ui/text_breaking.h"

#include <string>

#include "base/utf8.h"

namespace kiosk::ui {
namespace {

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t';
}

// Marks that follow what they close or end: never the first thing on a line.
bool is_closing(char32_t c) {
  switch (c) {
    case U'，':
    case U'。':
    case U'、':
    case U'；':
    case U'：':
    case U'？':
    case U'！':
    case U'）':
    case U'」':
    case U'』':
    case U'】':
    case U'》':
    case U'〉':
    case U'〕':
    case U'］':
    case U'｝':
    case U'”':
    case U'’':
    case U'…':
    case U'·':
    case U'・':
    case U'％':
    case U'‰':
    case U'℃':
    case U'々':
    case U'～':
    case U'ー':
    case U'ぁ':
    case U'ぃ':
    case U'ぅ':
    case U'ぇ':
    case U'ぉ':
    case U'っ':
    case U'ゃ':
    case U'ゅ':
    case U'ょ':
    case U',':
    case U'.':
    case U';':
    case U':':
    case U'?':
    case U'!':
    case U')':
    case U']':
    case U'}':
    case U'%': return true;
    default: return false;
  }
}

// Marks that open what follows (and currency signs): never the last thing on a line.
bool is_opening(char32_t c) {
  switch (c) {
    case U'（':
    case U'「':
    case U'『':
    case U'【':
    case U'《':
    case U'〈':
    case U'〔':
    case U'［':
    case U'｛':
    case U'“':
    case U'‘':
    case U'(':
    case U'[':
    case U'{':
    case U'¥':
    case U'￥':
    case U'$': return true;
    default: return false;
  }
}

// Characters set as full-width cells, between which a line may break.
bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || c == U'“' || c == U'”' || c == U'‘' || c == U'’' ||
         c == U'…' || c == U'—' || c == U'·';
}

bool is_digit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９');
}

// Date parts that join the number after them: 2026年11月29日 is one unit.
bool is_date_joiner(char32_t c) {
  return c == U'年' || c == U'月';
}

struct Glyph {
  char32_t cp;
  std::size_t begin;
  std::size_t end;
};

std::vector<Glyph> decode(std::string_view text) {
  std::vector<Glyph> out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len = base::utf8_sequence_length(static_cast<unsigned char>(text[i]));
    if (i + len > text.size()) len = text.size() - i;
    const std::u32string cps = base::utf8_decode(text.substr(i, len));
    // An invalid sequence decodes to U+FFFD and is advanced one byte at a time.
    if (cps.size() == 1) {
      out.push_back({cps[0], i, i + len});
      i += len;
    } else {
      out.push_back({base::kReplacement, i, i + 1});
      i += 1;
    }
  }
  return out;
}

}  // namespace

bool may_break_between(char32_t before_a, char32_t a, char32_t b) {
  if (is_space(b)) return false;  // spaces stay at the end of the line they follow
  if (is_closing(b)) return false;
  if (is_opening(a)) return false;
  if ((a == U'…' || a == U'—') && a == b) return false;  // …… and —— are one mark
  if (is_space(a)) {
    // "1,234.56 元", "3 张": a number keeps its unit across one space.
    if (is_digit(before_a) && is_wide(b) && !is_opening(b)) return false;
    return true;
  }
  if (is_digit(a) && is_wide(b) && !is_opening(b)) return false;             // 3张, 2026年
  if (is_date_joiner(a) && is_digit(before_a) && is_digit(b)) return false;  // 年11, 月29
  // Latin words, numbers, dates and IDs break only at spaces.
  if (!is_wide(a) && !is_wide(b)) return false;
  return true;
}

std::vector<LineSpan> break_lines(std::string_view utf8, float max_width,
                                  const AdvanceFn& advance) {
  std::vector<LineSpan> lines;
  const std::vector<Glyph> glyphs = decode(utf8);
  const std::size_t n = glyphs.size();
  std::size_t start = 0;  // first glyph of the current line
  while (start < n) {
    // Skip the spaces a soft break left at the start of a line.
    while (start < n && is_space(glyphs[start].cp)) ++start;
    if (start >= n) break;
    float width = 0.0f;
    float ink_width = 0.0f;  // without trailing spaces
    std::size_t ink_end = start;
    std::size_t last_break = 0;  // glyph index a break may go before; 0 = none yet
    float break_width = 0.0f;
    std::size_t break_ink_end = start;
    std::size_t i = start;
    bool hard = false;
    for (; i < n; ++i) {
      const char32_t cp = glyphs[i].cp;
      if (cp == U'\n') {
        hard = true;
        break;
      }
      if (i > start) {
        const char32_t before = i >= 2 ? glyphs[i - 2].cp : 0;
        if (may_break_between(before, glyphs[i - 1].cp, cp)) {
          last_break = i;
          break_width = ink_width;
          break_ink_end = ink_end;
        }
      }
      const float w = advance(cp);
      if (!is_space(cp) && width + w > max_width && i > start) {
        if (last_break > start) {
          lines.push_back({glyphs[start].begin, glyphs[break_ink_end - 1].end, break_width});
          start = last_break;
        } else if (is_closing(cp)) {
          // Nowhere to break before it: the mark hangs past the edge rather than lead a line.
          width += w;
          ink_width = width;
          ink_end = i + 1;
          continue;
        } else {
          // One unbreakable run wider than the line: cut it here, it cannot fit otherwise.
          lines.push_back({glyphs[start].begin, glyphs[ink_end - 1].end, ink_width});
          start = i;
        }
        break;
      }
      width += w;
      if (!is_space(cp)) {
        ink_width = width;
        ink_end = i + 1;
      }
    }
    if (i >= n || hard) {
      if (ink_end > start) {
        lines.push_back({glyphs[start].begin, glyphs[ink_end - 1].end, ink_width});
      } else if (hard) {
        lines.push_back({glyphs[start].begin, glyphs[start].begin, 0.0f});  // an empty line
      }
      start = hard ? i + 1 : n;
    }
  }
  return lines;
}

}  // namespace kiosk::ui
