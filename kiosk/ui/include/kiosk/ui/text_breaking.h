#pragma once
// Line breaking for Chinese (and mixed) text, following GB/T 15834 and common typesetting
// practice (shared/reference/screens-for-workers.md): closing punctuation never starts a
// line, opening marks never end one, a number stays with its unit ("1,234.56 元", "3 张"),
// dates, amounts and IDs are never split, …… and —— stay whole, Latin text breaks only at
// spaces. Pure: widths come from the caller, so it is tested without a font or a screen.
#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace kiosk::ui {

// One line: bytes [begin, end) of the text, without the spaces it ended on, and its width.
struct LineSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  float width = 0.0f;
};

// The advance width of one code point, in the same unit as the line width.
using AdvanceFn = std::function<float(char32_t)>;

// Lines of UTF8 no wider than MAX_WIDTH where the rules allow. A '\n' always breaks. A run
// that cannot fit even alone (a long ID on a narrow line) is cut between characters; a
// closing mark that would start a line hangs past the edge instead. Empty text gives no lines.
std::vector<LineSpan> break_lines(std::string_view utf8, float max_width, const AdvanceFn& advance);

// Whether a line may break between A and B with nothing in between (BEFORE_A is the code
// point before A, 0 at the start). Exposed for tests.
bool may_break_between(char32_t before_a, char32_t a, char32_t b);

}  // namespace kiosk::ui
