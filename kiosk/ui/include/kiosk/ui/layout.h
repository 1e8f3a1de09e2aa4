#pragma once
// Sizes in millimetres on the real panel, turned into pixels at the configured density.
// Screens place everything through a Layout: no fractions of the window, no raw pixels.
// A 15 mm button is 15 mm under the finger on a 21.5-inch panel and on a 15-inch one.
#include <initializer_list>
#include <vector>

#include <imgui.h>

namespace kiosk::ui {

// The panel the kiosk ships with: 21.5 inches across, 1080x1920 portrait (~102 DPI).
inline constexpr float kDefaultPanelDiagonalInch = 21.5f;
// The smallest thing a finger must hit (our rule; MIIT asks for ~9.5 mm).
inline constexpr float kMinTouchTargetMm = 15.0f;
// The red bar across the top of every screen, and the space kept clear along the edges.
inline constexpr float kBrandBarMm = 40.0f;
inline constexpr float kMarginMm = 16.0f;
// A row or column height that takes an equal share of what the fixed ones leave.
inline constexpr float kFill = -1.0f;

struct Rect {
  ImVec2 min;
  ImVec2 max;

  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
  ImVec2 size() const { return ImVec2(width(), height()); }
  ImVec2 centre() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
  bool contains(ImVec2 p) const {
    return p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y;
  }
  // The form ItemRects keeps: x0, y0, x1, y1.
  ImVec4 as_vec4() const { return ImVec4(min.x, min.y, max.x, max.y); }

  static Rect from_pos_size(ImVec2 pos, ImVec2 size) {
    return Rect{pos, ImVec2(pos.x + size.x, pos.y + size.y)};
  }
};

// Pixels per millimetre of a panel PIXELS wide and high whose diagonal is DIAGONAL_INCH.
float px_per_mm_from_diagonal(ImVec2 pixels, float diagonal_inch);
// Pixels per millimetre at DPI dots per inch.
float px_per_mm_from_dpi(float dpi);

// Pixel-space helpers. Each result is clamped so that it never has a negative size.
Rect inset(Rect r, float px);
Rect inset(Rect r, float px_x, float px_y);
// The top (bottom, left, right) PX of R; cut_* return that strip and shrink R to the rest.
Rect cut_top(Rect& r, float px);
Rect cut_bottom(Rect& r, float px);
Rect cut_left(Rect& r, float px);
Rect cut_right(Rect& r, float px);
// A rect of SIZE centred in R (SIZE larger than R overflows evenly).
Rect centred(Rect r, ImVec2 size);
// Rows of the given pixel heights, top to bottom, GAP apart; kFill heights share the rest.
std::vector<Rect> stack_rows(Rect area, std::initializer_list<float> heights_px, float gap_px);
// Columns of the given pixel widths, left to right, GAP apart; kFill widths share the rest.
std::vector<Rect> split_columns(Rect area, std::initializer_list<float> widths_px, float gap_px);
// N equal columns GAP apart.
std::vector<Rect> split_columns(Rect area, int n, float gap_px);
// A grid of ROWS x COLS equal cells GAP apart, row by row.
std::vector<Rect> grid(Rect area, int rows, int cols, float gap_px);

class Layout {
 public:
  // SCREEN is the viewport in pixels; PX_PER_MM from px_per_mm_from_* (the app's config).
  Layout(Rect screen, float px_per_mm);
  // The default panel: a 21.5-inch diagonal stretched over SCREEN.
  static Layout for_default_panel(Rect screen);

  float px_per_mm() const { return m_px_per_mm; }
  float mm(float millimetres) const { return millimetres * m_px_per_mm; }
  ImVec2 mm(float x_mm, float y_mm) const { return ImVec2(mm(x_mm), mm(y_mm)); }
  float to_mm(float px) const { return px / m_px_per_mm; }
  // A font's pixel size for text whose em is EM_MM tall, rounded to whole pixels.
  float text_px(float em_mm) const;
  // The smallest side a touch target may have here.
  float touch_target() const { return mm(kMinTouchTargetMm); }
  bool portrait() const { return m_screen.height() >= m_screen.width(); }

  Rect screen() const { return m_screen; }
  Rect brand_bar() const;
  // Below the brand bar, kMarginMm in from every edge.
  Rect content() const;

  // stack_rows / split_columns with heights, widths and gaps in millimetres (kFill allowed).
  std::vector<Rect> rows(Rect area, std::initializer_list<float> heights_mm, float gap_mm) const;
  std::vector<Rect> columns(Rect area, std::initializer_list<float> widths_mm, float gap_mm) const;
  std::vector<Rect> columns(Rect area, int n, float gap_mm) const;

 private:
  Rect m_screen;
  float m_px_per_mm;
};

}  // namespace kiosk::ui
