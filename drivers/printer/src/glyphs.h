#pragma once
// Character bitmaps for the virtual printer and for text sent as an image: FreeType renders
// Noto Sans CJK SC into a cell of the printer's size, thresholded to dots. The cache is
// process-wide and thread-safe; a glyph is rendered once.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace drivers::printer::detail {

struct Glyph {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> dots;  // row-major, 1 = black
  bool missing = false;            // the font has no glyph: this is the empty box
  bool at(int x, int y) const { return dots[static_cast<std::size_t>(y * width + x)] != 0; }
};

// The bitmap of `cp` filling a width x height cell. Box drawing and block elements are drawn
// as lines (box_drawing.h). A character the font lacks is drawn as an outlined box, so it is
// visibly missing rather than silently blank, and marked `missing`.
std::shared_ptr<const Glyph> glyph(char32_t cp, int width, int height);

// Empty when the font loaded; otherwise why not (the printer then draws boxes).
std::string font_problem();

// Default: Noto Sans CJK SC (face 2 of NotoSansCJK-Regular.ttc); KIOSK_PRINTER_FONT and
// KIOSK_PRINTER_FONT_FACE override it.
inline constexpr const char* kDefaultFont =
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
inline constexpr int kDefaultFace = 2;

}  // namespace drivers::printer::detail
