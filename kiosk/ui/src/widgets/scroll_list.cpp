#include "kiosk/ui/scroll_list.h"

#include <algorithm>
#include <string>

#include <imgui_internal.h>

#include "kiosk/ui/theme.h"

namespace kiosk::ui {
namespace {

// Where each row starts, measured from the top of the content; one extra entry: the end.
class RowOffsets {
 public:
  RowOffsets(std::size_t count, const std::function<float(std::size_t)>& height, float gap) {
    m_tops.reserve(count + 1);
    float y = 0.0f;
    for (std::size_t i = 0; i < count; ++i) {
      m_tops.push_back(y);
      y += std::max(height(i), 0.0f) + (i + 1 < count ? gap : 0.0f);
    }
    m_tops.push_back(y);
    m_gap = gap;
  }
  std::size_t count() const { return m_tops.size() - 1; }
  float content_height() const { return m_tops.back(); }
  float top(std::size_t i) const { return m_tops[i]; }
  float bottom(std::size_t i) const { return m_tops[i + 1] - (i + 1 < count() ? m_gap : 0.0f); }
  // The first row whose bottom is below Y.
  std::size_t first_below(float y) const {
    auto it = std::upper_bound(m_tops.begin() + 1, m_tops.end(), y);
    return static_cast<std::size_t>(it - m_tops.begin()) - 1;
  }
  // The row under content position Y, if Y is on a row and not in a gap.
  std::optional<std::size_t> row_at(float y) const {
    if (y < 0.0f || y >= content_height() || count() == 0) return std::nullopt;
    const std::size_t i = first_below(y);
    if (i >= count() || y >= bottom(i)) return std::nullopt;
    return i;
  }

 private:
  std::vector<float> m_tops;
  float m_gap = 0.0f;
};

// Rows scrolled out of view must not stay tappable by name.
void forget_rows(std::string_view id, ItemRects& rects) {
  std::string prefix(id);
  prefix += '/';
  auto it = rects.lower_bound(prefix);
  while (it != rects.end() && it->first.starts_with(prefix)) it = rects.erase(it);
}

// A thin bar along the right edge that says there is more, and where in it the view is:
// a list that only scrolls by dragging gives no other sign that it continues.
void draw_indicator(ImDrawList& draw, Rect area, float offset, float content_height) {
  const float limit = max_scroll(content_height, area.height());
  if (limit <= 0.0f) return;
  const float bar = ImGui::GetStyle().ScrollbarSize * 0.25f;
  const float thumb = std::max(area.height() * area.height() / content_height, bar * 4.0f);
  const float top = area.min.y + (area.height() - thumb) * (offset / limit);
  draw.AddRectFilled(ImVec2(area.max.x - bar, top), ImVec2(area.max.x, top + thumb),
                     color::kTextMuted, bar * 0.5f);
}

ScrollListResult run(std::string_view id, Rect area, ScrollState& state, const RowOffsets& rows,
                     const RowDrawFn& draw_row, ItemRects& rects) {
  ScrollListResult result;
  const ImGuiIO& io = ImGui::GetIO();
  const float before = state.offset;
  const float limit = max_scroll(rows.content_height(), area.height());
  const bool inside = area.contains(io.MousePos) && ImGui::IsWindowHovered();

  // The gesture is read from io, not from an ImGui item: rows hold their own buttons, and
  // a list item over them would take their presses (or they would take the list's drags).
  if (io.MouseClicked[0] && inside) {
    state.tracking = true;
    state.dragging = false;
    state.inner_pressed = false;
    state.press_y = io.MousePos.y;
    state.press_offset = state.offset;
  }
  if (state.tracking && io.MouseDown[0]) {
    if (!pointer_was_tap()) state.dragging = true;
    if (state.dragging) state.offset = state.press_offset - (io.MousePos.y - state.press_y);
  }
  if (inside && io.MouseWheel != 0.0f && !state.tracking) {
    state.offset -=
        io.MouseWheel * std::max(rows.content_height() / std::max<float>(rows.count(), 1), 1.0f);
  }
  state.offset = std::clamp(state.offset, 0.0f, limit);

  const bool finger_down_here = state.tracking && io.MouseDown[0] && !state.dragging;
  auto& draw = *ImGui::GetWindowDrawList();
  // ImGui's clip rect (not only the draw list's): a button in a row half out of view can be
  // pressed only on its visible half.
  ImGui::PushClipRect(area.min, area.max, true);
  forget_rows(id, rects);
  const std::size_t first = rows.count() == 0 ? 0 : rows.first_below(state.offset);
  for (std::size_t i = first; i < rows.count(); ++i) {
    const float top = area.min.y + rows.top(i) - state.offset;
    if (top >= area.max.y) break;
    RowContext row;
    row.index = i;
    row.rect = Rect{ImVec2(area.min.x, top),
                    ImVec2(area.max.x, area.min.y + rows.bottom(i) - state.offset)};
    row.pressed = finger_down_here && row.rect.contains(io.MousePos) && area.contains(io.MousePos);
    draw_row(draw, row);
    std::string name(id);
    name += '/';
    name += std::to_string(i);
    // Only the part in view can be tapped.
    Rect visible{ImVec2(row.rect.min.x, std::max(row.rect.min.y, area.min.y)),
                 ImVec2(row.rect.max.x, std::min(row.rect.max.y, area.max.y))};
    rects.insert_or_assign(std::move(name), visible.as_vec4());
  }
  draw_indicator(draw, area, state.offset, rows.content_height());
  ImGui::PopClipRect();
  rects.insert_or_assign(std::string(id), area.as_vec4());

  // A button inside a row that the finger went down on owns the tap. (A press on the
  // window's background makes its move handle active: that is not a button.)
  const ImGuiID active = ImGui::GetActiveID();
  if (state.tracking && io.MouseDown[0] && active != 0 &&
      active != ImGui::GetCurrentWindow()->MoveId) {
    state.inner_pressed = true;
  }

  if (state.tracking && io.MouseReleased[0]) {
    if (!state.dragging && !state.inner_pressed && pointer_was_tap() &&
        area.contains(io.MousePos)) {
      result.tapped = rows.row_at(io.MousePos.y - area.min.y + state.offset);
    }
    state.tracking = false;
    state.dragging = false;
    state.inner_pressed = false;
  }
  result.scrolled = state.offset != before;
  return result;
}

}  // namespace

float max_scroll(float content_height, float view_height) {
  return std::max(content_height - view_height, 0.0f);
}

ScrollListResult scroll_list(std::string_view id, Rect area, ScrollState& state,
                             std::size_t row_count, float row_height, float gap,
                             const RowDrawFn& draw_row, ItemRects& rects) {
  const RowOffsets rows(
      row_count, [row_height](std::size_t) { return row_height; }, gap);
  return run(id, area, state, rows, draw_row, rects);
}

ScrollListResult scroll_list(std::string_view id, Rect area, ScrollState& state,
                             const std::vector<float>& row_heights, float gap,
                             const RowDrawFn& draw_row, ItemRects& rects) {
  const RowOffsets rows(
      row_heights.size(), [&](std::size_t i) { return row_heights[i]; }, gap);
  return run(id, area, state, rows, draw_row, rects);
}

}  // namespace kiosk::ui
