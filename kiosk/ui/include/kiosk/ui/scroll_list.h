#pragma once
// A list that scrolls by dragging, for records by the hundred. Only the rows in view are
// drawn. A drag (beyond kTapSlopPx) scrolls and never presses a row or a button inside
// one; a tap selects the row under the finger. Scrolling stops where the finger stops
// (no momentum) and stays inside the content.
#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "kiosk/ui/layout.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

// The list's scroll position and the gesture in progress: the screen keeps one per list and
// wipes it with the visit (it shows where a person was reading).
struct ScrollState {
  float offset = 0.0f;         // pixels scrolled from the top
  bool tracking = false;       // a press began inside the list
  bool dragging = false;       // ... and has moved beyond the tap slop
  bool inner_pressed = false;  // ... on a button inside a row, which owns the tap
  float press_y = 0.0f;
  float press_offset = 0.0f;

  void wipe() { *this = ScrollState{}; }
};

struct RowContext {
  std::size_t index = 0;
  Rect rect;             // on screen, may reach outside the list (it is clipped)
  bool pressed = false;  // the finger is down on this row and has not dragged
};

// Draws one row (and may place buttons in it with touch_button).
using RowDrawFn = std::function<void(ImDrawList& draw, const RowContext& row)>;

struct ScrollListResult {
  std::optional<std::size_t> tapped;  // the row a tap selected this frame
  bool scrolled = false;              // the offset changed this frame
};

// ROW_COUNT rows of ROW_HEIGHT pixels, GAP apart, in AREA. Items: the list as "<id>", each
// row in view as "<id>/<index>" (rows out of view are dropped from RECTS). A thin bar at
// the right edge shows where the view is when the rows do not all fit.
ScrollListResult scroll_list(std::string_view id, Rect area, ScrollState& state,
                             std::size_t row_count, float row_height, float gap,
                             const RowDrawFn& draw_row, ItemRects& rects);
// Rows of the given heights (one per row).
ScrollListResult scroll_list(std::string_view id, Rect area, ScrollState& state,
                             const std::vector<float>& row_heights, float gap,
                             const RowDrawFn& draw_row, ItemRects& rects);

// The largest offset for content CONTENT_HEIGHT tall in a view VIEW_HEIGHT tall.
float max_scroll(float content_height, float view_height);

}  // namespace kiosk::ui
