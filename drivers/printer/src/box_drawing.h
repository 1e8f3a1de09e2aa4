#pragma once
// Box drawing (U+2500-U+257F) and block elements (U+2580-U+259F) drawn as lines and areas
// that reach the cell's edges, so that a rule of ─ or a frame of ┌─┐ prints as one
// unbroken line across cells, in any cell size, as printer ROM fonts do. A font's glyphs
// for these are shaped for a fixed advance and leave gaps between cells.
#include <optional>

#include "glyphs.h"

namespace drivers::printer::detail {

// nullopt when `cp` is not in U+2500-U+259F.
std::optional<Glyph> box_drawing(char32_t cp, int width, int height);

}  // namespace drivers::printer::detail
