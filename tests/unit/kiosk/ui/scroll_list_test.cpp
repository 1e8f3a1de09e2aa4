// The drag-to-scroll list in headless frames.
#include <catch2/catch.hpp>

#include <set>

#include "kiosk/ui/scroll_list.h"
#include "kiosk/ui/theme.h"
#include "widget_frame.h"

using namespace kiosk::ui;
using kiosk::ui::testing::WidgetFrame;

namespace {
constexpr float kRow = 100.0f;
constexpr float kGap = 10.0f;
const Rect kArea{ImVec2(40, 200), ImVec2(1040, 1200)};  // 1000 px: 9 rows and a bit

// A list of N rows, each with a "detail" button at its right end.
struct ListScreen {
  WidgetFrame ui{"详情"};
  ScrollState state;
  std::size_t rows;
  std::vector<std::size_t> tapped;
  std::vector<std::size_t> details;
  std::set<std::size_t> drawn;  // rows drawn in the last frame
  std::vector<std::size_t> pressed;

  explicit ListScreen(std::size_t n) : rows(n) {}
  std::function<void()> draw() {
    return [this] {
      drawn.clear();
      auto result = scroll_list(
          "bills", kArea, state, rows, kRow, kGap,
          [this](ImDrawList& draw, const RowContext& row) {
            drawn.insert(row.index);
            if (row.pressed) pressed.push_back(row.index);
            draw.AddRectFilled(row.rect.min, row.rect.max, IM_COL32(255, 255, 255, 255));
            Rect button{ImVec2(row.rect.max.x - 200, row.rect.min.y + 10),
                        ImVec2(row.rect.max.x - 10, row.rect.max.y - 10)};
            const std::string id = "detail/" + std::to_string(row.index);
            if (touch_button(id, "详情", button, ButtonKind::secondary, ui.fonts().body,
                             ui.rects)) {
              details.push_back(row.index);
            }
          },
          ui.rects);
      if (result.tapped) tapped.push_back(*result.tapped);
    };
  }
};
}  // namespace

TEST_CASE("a drag scrolls the list and never taps a row or presses a button in it") {
  ListScreen screen(30);
  screen.ui.idle(screen.draw());
  CHECK(screen.state.offset == 0.0f);
  // Start on row 5's detail button and drag up by 400 px.
  const ImVec2 start = screen.ui.centre_of("detail/5");
  screen.ui.drag(start, ImVec2(start.x, start.y - 400), 10, screen.draw());
  CHECK(screen.state.offset == Approx(400.0f));
  CHECK(screen.tapped.empty());
  CHECK(screen.details.empty());
  // And from the middle of a row, back down.
  const ImVec2 row = screen.ui.centre_of("bills/6");
  screen.ui.drag(ImVec2(row.x - 300, row.y), ImVec2(row.x - 300, row.y + 150), 5, screen.draw());
  CHECK(screen.state.offset == Approx(250.0f));
  CHECK(screen.tapped.empty());
  CHECK(screen.details.empty());
  // A row under a moving finger never shows as pressed once the drag has begun.
  CHECK(screen.pressed.size() <= 2);
}

TEST_CASE("a tap selects the row under the finger") {
  ListScreen screen(30);
  screen.ui.idle(screen.draw());
  const ImVec2 row3 = screen.ui.centre_of("bills/3");
  screen.ui.tap_at(ImVec2(row3.x - 300, row3.y), screen.draw());
  CHECK(screen.tapped == std::vector<std::size_t>{3});
  CHECK(screen.details.empty());
  // After scrolling, the same place on screen is another row.
  screen.ui.drag(ImVec2(row3.x - 300, 1100), ImVec2(row3.x - 300, 1100 - 5 * (kRow + kGap)), 5,
                 screen.draw());
  screen.ui.tap_at(ImVec2(row3.x - 300, row3.y), screen.draw());
  CHECK(screen.tapped == std::vector<std::size_t>{3, 8});
}

TEST_CASE("a tap on a button in a row presses the button, not the row") {
  ListScreen screen(30);
  screen.ui.tap("detail/2", screen.draw());
  CHECK(screen.details == std::vector<std::size_t>{2});
  CHECK(screen.tapped.empty());
}

TEST_CASE("a tap in the gap between rows selects nothing") {
  ListScreen screen(30);
  screen.ui.idle(screen.draw());
  screen.ui.tap_at(ImVec2(200, kArea.min.y + kRow + kGap * 0.5f), screen.draw());
  CHECK(screen.tapped.empty());
}

TEST_CASE("scrolling stops at both ends of the content") {
  ListScreen screen(30);
  screen.ui.idle(screen.draw());
  screen.ui.drag(ImVec2(200, 400), ImVec2(200, 900), 5, screen.draw());  // pull down at the top
  CHECK(screen.state.offset == 0.0f);
  const float content = 30 * kRow + 29 * kGap;
  const float limit = max_scroll(content, kArea.height());
  for (int i = 0; i < 5; ++i) screen.ui.drag(ImVec2(200, 1150), ImVec2(200, 250), 5, screen.draw());
  CHECK(screen.state.offset == Approx(limit));
  CHECK(screen.drawn.count(29) == 1);
  // The last row sits at the bottom edge.
  CHECK(screen.ui.rect_of("bills/29").max.y == Approx(kArea.max.y));
  // A short list does not scroll at all.
  ListScreen short_list(3);
  short_list.ui.idle(short_list.draw());
  short_list.ui.drag(ImVec2(200, 450), ImVec2(200, 250), 5, short_list.draw());
  CHECK(short_list.state.offset == 0.0f);
}

TEST_CASE("500 rows scroll and only the rows in view are drawn") {
  ListScreen screen(500);
  screen.ui.idle(screen.draw());
  CHECK(screen.drawn.size() == 10);  // 0..9: the tenth partly in view
  for (int i = 0; i < 60; ++i)
    screen.ui.drag(ImVec2(200, 1150), ImVec2(200, 250), 3, screen.draw());
  // 60 drags of 900 px = 54,000 px: row 490 or so.
  CHECK(screen.state.offset ==
        Approx(std::min(54000.0f, max_scroll(500 * kRow + 499 * kGap, kArea.height()))));
  CHECK(screen.drawn.size() <= 11);
  CHECK(*screen.drawn.begin() == static_cast<std::size_t>(54000 / (kRow + kGap)));
  const ImVec2 first = screen.ui.centre_of("bills/" + std::to_string(*screen.drawn.rbegin()));
  CHECK(first.y < kArea.max.y);
  // Rows out of view cannot be tapped by name any more.
  CHECK(screen.ui.rects.count("bills/0") == 0);
  CHECK(screen.tapped.empty());
  screen.ui.tap_at(ImVec2(200, kArea.min.y + 1), screen.draw());
  REQUIRE(screen.tapped.size() == 1);
  CHECK(screen.tapped[0] == *screen.drawn.begin());
}

TEST_CASE("rows of different heights scroll and hit-test by their own heights") {
  WidgetFrame ui("");
  ScrollState state;
  std::vector<float> heights;
  for (int i = 0; i < 200; ++i) heights.push_back(i % 2 == 0 ? 80.0f : 160.0f);
  std::optional<std::size_t> tapped;
  auto draw = [&] {
    auto result = scroll_list(
        "records", kArea, state, heights, 0.0f, [](ImDrawList&, const RowContext&) {}, ui.rects);
    if (result.tapped) tapped = result.tapped;
  };
  ui.idle(draw);
  // y = 300 into the content: rows 0 (0-80), 1 (80-240), 2 (240-320).
  ui.tap_at(ImVec2(300, kArea.min.y + 300), draw);
  CHECK(tapped == std::size_t{2});
  ui.drag(ImVec2(300, 1100), ImVec2(300, 1100 - 480), 4, draw);  // two pairs of rows
  CHECK(state.offset == Approx(480.0f));
  ui.tap_at(ImVec2(300, kArea.min.y + 10), draw);
  CHECK(tapped == std::size_t{4});
  state.wipe();
  CHECK(state.offset == 0.0f);
}

TEST_CASE("a press outside the list neither scrolls nor taps it") {
  ListScreen screen(30);
  screen.ui.idle(screen.draw());
  screen.ui.drag(ImVec2(200, 100), ImVec2(200, 600), 5, screen.draw());
  screen.ui.drag(ImVec2(200, 1500), ImVec2(200, 400), 5, screen.draw());
  CHECK(screen.state.offset == 0.0f);
  CHECK(screen.tapped.empty());
}

TEST_CASE("a bar at the right edge shows there is more and follows the scroll") {
  // The bar is the only thing drawn in the muted text colour here.
  auto bar_top = []() -> std::optional<float> {
    std::optional<float> top;
    const ImDrawData& data = *ImGui::GetDrawData();
    for (int l = 0; l < data.CmdListsCount; ++l) {
      for (const ImDrawVert& v : data.CmdLists[l]->VtxBuffer) {
        if ((v.col & 0x00FFFFFF) == (color::kTextMuted & 0x00FFFFFF) &&
            v.pos.x > kArea.max.x - 20) {
          top = std::min(top.value_or(FLT_MAX), v.pos.y);
        }
      }
    }
    return top;
  };
  ListScreen fits(3);
  fits.ui.idle(fits.draw());
  CHECK_FALSE(bar_top());
  ListScreen more(30);
  more.ui.idle(more.draw());
  REQUIRE(bar_top());
  CHECK(*bar_top() == Approx(kArea.min.y).margin(2));
  more.ui.drag(ImVec2(200, 1150), ImVec2(200, 350), 5, more.draw());
  more.ui.idle(more.draw());
  REQUIRE(bar_top());
  CHECK(*bar_top() > kArea.min.y + 100);
}
