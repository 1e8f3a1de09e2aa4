#include "sheet.h"

#include <algorithm>
#include <utility>

namespace drivers::printer::detail {

void Sheet::set_area(int left, int width) {
  m_left = std::clamp(left, 0, m_dots - 8);
  m_width = std::max(0, width);
}

int Sheet::area_width() const {
  int room = m_dots - m_left;
  return m_width == 0 ? room : std::min(m_width, room);
}

void Sheet::put(std::shared_ptr<const Glyph> glyph, const Ink& ink, int left_spacing,
                int right_spacing) {
  int advance = left_spacing + glyph->width * ink.sx + right_spacing;
  if (m_x + glyph->width * ink.sx > area_width() && !m_items.empty()) {
    print_line(0, Align::left);  // a full line prints as if LF came
  }
  int x = m_x + left_spacing;
  m_items.push_back({std::move(glyph), ink, x, advance});
  m_x += advance;
}

void Sheet::set_x(int x) {
  if (x < 0 || x >= area_width()) return;  // out of range: ignored, as printers do
  m_x = x;
  m_positioned = true;
}

void Sheet::move_x(int dx) {
  set_x(m_x + dx);
}

bool Sheet::ensure(int rows) {
  if (rows > m_max_height) {
    m_truncated = true;
    return false;
  }
  std::size_t need = static_cast<std::size_t>(rows) * static_cast<std::size_t>(m_dots);
  if (m_dots_buf.size() < need) m_dots_buf.resize(need, 0);
  return true;
}

KIOSK_PIXEL_LOOP void Sheet::fill(int x, int y, int w, int h) {
  int x0 = std::max(x, 0);
  int x1 = std::min(x + w, m_dots);
  int y0 = std::max(y, 0);
  int y1 = std::min<std::int64_t>(y + h, static_cast<std::int64_t>(m_dots_buf.size() / m_dots));
  if (x0 >= x1 || y0 >= y1) return;
  for (int row = y0; row < y1; ++row) {
    std::uint8_t* line = m_dots_buf.data() + static_cast<std::size_t>(row) * m_dots;
    std::fill(line + x0, line + x1, std::uint8_t{1});
  }
  m_inked = true;
}

// Cells share a bottom line at `bottom`.
KIOSK_PIXEL_LOOP void Sheet::draw(const Item& item, int left, int bottom) {
  const Glyph& g = *item.glyph;
  const Ink& ink = item.ink;
  int w = g.width * ink.sx;
  int h = g.height * ink.sy;
  int top = bottom - h;
  if (!ink.reverse) {
    for (int y = 0; y < g.height; ++y) {
      for (int x = 0; x < g.width; ++x) {
        if (!g.at(x, y)) continue;
        // Emphasis doubles each dot one dot to the right, as printers do.
        fill(left + x * ink.sx, top + y * ink.sy, ink.sx + (ink.bold ? ink.sx : 0), ink.sy);
      }
    }
    if (ink.underline) fill(left, bottom - ink.underline, item.advance, ink.underline);
    return;
  }
  // Reverse: white dots in a black cell as wide as the advance.
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < item.advance; ++x) {
      bool on = x < w && (g.at(x / ink.sx, y / ink.sy) ||
                          (ink.bold && x >= ink.sx && g.at((x - ink.sx) / ink.sx, y / ink.sy)));
      if (ink.underline && y >= h - ink.underline) on = true;
      if (!on) fill(left + x, top + y, 1, 1);
    }
  }
}

void Sheet::print_line(int spacing, Align align) {
  if (m_items.empty()) {
    m_x = 0;
    m_positioned = false;
    feed(spacing);
    return;
  }
  int height = 0;
  int used = 0;
  for (const auto& item : m_items) {
    height = std::max(height, item.glyph->height * item.ink.sy);
    used = std::max(used, item.x + item.glyph->width * item.ink.sx);
  }
  int offset = m_left;
  if (!m_positioned) {
    int room = area_width() - used;
    if (align == Align::center) offset += std::max(0, room / 2);
    if (align == Align::right) offset += std::max(0, room);
  }
  if (ensure(m_y + height)) {
    for (const auto& item : m_items) draw(item, offset + item.x, m_y + height);
  }
  m_items.clear();
  m_x = 0;
  m_positioned = false;
  feed(std::max(spacing, height));
}

void Sheet::flush_line(int spacing, Align align) {
  if (!m_items.empty()) print_line(spacing, align);
  m_x = 0;
  m_positioned = false;
}

void Sheet::feed(int dots) {
  if (dots <= 0) return;
  if (m_y + dots > m_max_height) {
    m_truncated = true;
    m_y = m_max_height;
    return;
  }
  m_y += dots;
}

KIOSK_PIXEL_LOOP void Sheet::block(const Glyph& bitmap, int sx, int sy, Align align) {
  int w = bitmap.width * sx;
  int h = bitmap.height * sy;
  int offset = m_left;
  int room = area_width() - w;
  if (align == Align::center) offset += std::max(0, room / 2);
  if (align == Align::right) offset += std::max(0, room);
  if (ensure(m_y + h)) {
    // Only black source dots are visited; each becomes an sx x sy block.
    for (int y = 0; y < bitmap.height; ++y) {
      for (int x = 0; x < bitmap.width; ++x) {
        if (bitmap.at(x, y)) fill(offset + x * sx, m_y + y * sy, sx, sy);
      }
    }
  }
  feed(h);
}

void Sheet::cut() {
  int height = std::min(m_y, m_max_height);
  if (m_inked && height > 0) {
    Page page{m_dots, height, {}};
    ensure(height);
    page.dots.assign(m_dots_buf.begin(),
                     m_dots_buf.begin() + static_cast<std::ptrdiff_t>(height) * m_dots);
    m_pages.push_back(std::move(page));
  }
  m_dots_buf.clear();
  m_y = 0;
  m_inked = false;
  m_truncated = false;
}

std::vector<Page> Sheet::take_pages() {
  return std::exchange(m_pages, {});
}

}  // namespace drivers::printer::detail
