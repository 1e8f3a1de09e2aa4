#pragma once
// The paper under the print head: a line buffer of positioned bitmaps that prints on LF,
// and blocks (raster images, QR codes, barcodes) that print at once.
#include <memory>
#include <vector>

#include "drivers/printer/document.h"
#include "drivers/printer/interpreter.h"
#include "glyphs.h"

// Pixel loops carry no input-dependent branches worth steering a fuzzer by; without coverage
// tracing the fuzz build runs several times faster. AddressSanitizer still checks them.
#if defined(__clang__)
#define KIOSK_PIXEL_LOOP __attribute__((no_sanitize("coverage")))
#else
#define KIOSK_PIXEL_LOOP
#endif

namespace drivers::printer::detail {

struct Ink {
  int sx = 1;
  int sy = 1;
  bool bold = false;
  int underline = 0;  // dots
  bool reverse = false;
};

class Sheet {
 public:
  Sheet(int dots, int max_height) : m_dots(dots), m_max_height(max_height) {}

  // Margins in dots (GS L, GS W); applied to the next line.
  void set_area(int left, int width);
  int area_width() const;
  // A cell advancing by width*sx + spacing; a full line prints first.
  void put(std::shared_ptr<const Glyph> glyph, const Ink& ink, int left_spacing, int right_spacing);
  void set_x(int x);    // ESC $
  void move_x(int dx);  // ESC backslash
  int x() const { return m_x; }
  bool line_empty() const { return m_items.empty() && m_x == 0; }

  // Prints the line buffer and feeds max(spacing, tallest cell). An empty line feeds spacing.
  void print_line(int spacing, Align align);
  // Prints the line buffer if it has something (no feed when empty).
  void flush_line(int spacing, Align align);
  void feed(int dots);
  // A bitmap printed at once across the line, aligned; feeds by its height.
  void block(const Glyph& bitmap, int sx, int sy, Align align);
  void cut();

  std::vector<Page> take_pages();
  std::size_t pages_ready() const { return m_pages.size(); }
  bool truncated() const { return m_truncated; }

 private:
  struct Item {
    std::shared_ptr<const Glyph> glyph;
    Ink ink;
    int x;
    int advance;
  };
  bool ensure(int rows);
  void fill(int x, int y, int w, int h);  // clipped to the page
  void draw(const Item& item, int left, int bottom);

  int m_dots;
  int m_max_height;
  int m_left = 0;
  int m_width = 0;  // 0 = to the right edge
  std::vector<Item> m_items;
  int m_x = 0;
  bool m_positioned = false;
  int m_y = 0;
  bool m_inked = false;
  bool m_truncated = false;
  std::vector<std::uint8_t> m_dots_buf;
  std::vector<Page> m_pages;
};

}  // namespace drivers::printer::detail
