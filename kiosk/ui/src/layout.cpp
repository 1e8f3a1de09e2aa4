#include "kiosk/ui/layout.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {
constexpr float kMmPerInch = 25.4f;

// Lengths along one axis: fixed ones as given, kFill ones sharing what is left after the
// fixed ones and the gaps.
std::vector<float> resolve(float total, const std::vector<float>& lengths, float gap) {
  float fixed = 0.0f;
  int fills = 0;
  for (float l : lengths) {
    if (l == kFill)
      ++fills;
    else
      fixed += std::max(l, 0.0f);
  }
  const float gaps = lengths.size() > 1 ? gap * static_cast<float>(lengths.size() - 1) : 0.0f;
  const float share =
      fills > 0 ? std::max(total - fixed - gaps, 0.0f) / static_cast<float>(fills) : 0.0f;
  std::vector<float> out;
  out.reserve(lengths.size());
  for (float l : lengths) out.push_back(l == kFill ? share : std::max(l, 0.0f));
  return out;
}

std::vector<float> scaled(std::initializer_list<float> mm, float px_per_mm) {
  std::vector<float> px;
  px.reserve(mm.size());
  for (float l : mm) px.push_back(l == kFill ? kFill : l * px_per_mm);
  return px;
}

enum class Axis { rows, columns };

// AREA cut along AXIS into pieces of the given LENGTHS, GAP apart.
std::vector<Rect> split(Rect area, Axis axis, const std::vector<float>& lengths, float gap) {
  const bool rows = axis == Axis::rows;
  std::vector<Rect> out;
  out.reserve(lengths.size());
  float at = rows ? area.min.y : area.min.x;
  for (float l : resolve(rows ? area.height() : area.width(), lengths, gap)) {
    out.push_back(rows ? Rect{ImVec2(area.min.x, at), ImVec2(area.max.x, at + l)}
                       : Rect{ImVec2(at, area.min.y), ImVec2(at + l, area.max.y)});
    at += l + gap;
  }
  return out;
}

std::vector<float> fills(int n) {
  return std::vector<float>(static_cast<std::size_t>(std::max(n, 0)), kFill);
}
}  // namespace

float px_per_mm_from_diagonal(ImVec2 pixels, float diagonal_inch) {
  const float diagonal_px = std::hypot(pixels.x, pixels.y);
  return diagonal_px / (diagonal_inch * kMmPerInch);
}

float px_per_mm_from_dpi(float dpi) {
  return dpi / kMmPerInch;
}

Rect inset(Rect r, float px) {
  return inset(r, px, px);
}

Rect inset(Rect r, float px_x, float px_y) {
  const float dx = std::min(px_x, r.width() * 0.5f), dy = std::min(px_y, r.height() * 0.5f);
  return Rect{ImVec2(r.min.x + dx, r.min.y + dy), ImVec2(r.max.x - dx, r.max.y - dy)};
}

Rect cut_top(Rect& r, float px) {
  const float h = std::clamp(px, 0.0f, r.height());
  Rect strip{r.min, ImVec2(r.max.x, r.min.y + h)};
  r.min.y += h;
  return strip;
}

Rect cut_bottom(Rect& r, float px) {
  const float h = std::clamp(px, 0.0f, r.height());
  Rect strip{ImVec2(r.min.x, r.max.y - h), r.max};
  r.max.y -= h;
  return strip;
}

Rect cut_left(Rect& r, float px) {
  const float w = std::clamp(px, 0.0f, r.width());
  Rect strip{r.min, ImVec2(r.min.x + w, r.max.y)};
  r.min.x += w;
  return strip;
}

Rect cut_right(Rect& r, float px) {
  const float w = std::clamp(px, 0.0f, r.width());
  Rect strip{ImVec2(r.max.x - w, r.min.y), r.max};
  r.max.x -= w;
  return strip;
}

Rect centred(Rect r, ImVec2 size) {
  const ImVec2 c = r.centre();
  return Rect{ImVec2(c.x - size.x * 0.5f, c.y - size.y * 0.5f),
              ImVec2(c.x + size.x * 0.5f, c.y + size.y * 0.5f)};
}

std::vector<Rect> stack_rows(Rect area, std::initializer_list<float> heights_px, float gap_px) {
  return split(area, Axis::rows, std::vector<float>(heights_px), gap_px);
}

std::vector<Rect> split_columns(Rect area, std::initializer_list<float> widths_px, float gap_px) {
  return split(area, Axis::columns, std::vector<float>(widths_px), gap_px);
}

std::vector<Rect> split_columns(Rect area, int n, float gap_px) {
  return split(area, Axis::columns, fills(n), gap_px);
}

std::vector<Rect> grid(Rect area, int rows, int cols, float gap_px) {
  std::vector<Rect> cells;
  for (const Rect& row : split(area, Axis::rows, fills(rows), gap_px)) {
    for (const Rect& cell : split_columns(row, cols, gap_px)) cells.push_back(cell);
  }
  return cells;
}

Layout::Layout(Rect screen, float px_per_mm)
    : m_screen(screen), m_px_per_mm(px_per_mm > 0.0f ? px_per_mm : 1.0f) {}

Layout Layout::for_default_panel(Rect screen) {
  return Layout(screen, px_per_mm_from_diagonal(screen.size(), kDefaultPanelDiagonalInch));
}

float Layout::text_px(float em_mm) const {
  return std::round(mm(em_mm));
}

Rect Layout::brand_bar() const {
  Rect rest = m_screen;
  return cut_top(rest, mm(kBrandBarMm));
}

Rect Layout::content() const {
  Rect rest = m_screen;
  cut_top(rest, mm(kBrandBarMm));
  return inset(rest, mm(kMarginMm));
}

std::vector<Rect> Layout::rows(Rect area, std::initializer_list<float> heights_mm,
                               float gap_mm) const {
  return split(area, Axis::rows, scaled(heights_mm, m_px_per_mm), mm(gap_mm));
}

std::vector<Rect> Layout::columns(Rect area, std::initializer_list<float> widths_mm,
                                  float gap_mm) const {
  return split(area, Axis::columns, scaled(widths_mm, m_px_per_mm), mm(gap_mm));
}

std::vector<Rect> Layout::columns(Rect area, int n, float gap_mm) const {
  return split_columns(area, n, mm(gap_mm));
}

}  // namespace kiosk::ui
