#include "kiosk/ui/layout.h"

#include <catch2/catch.hpp>

using namespace kiosk::ui;

namespace {
const Rect kPortrait{ImVec2(0, 0), ImVec2(1080, 1920)};
}

TEST_CASE("the default 21.5-inch 1080x1920 panel has about 102 DPI") {
  const float px_per_mm = px_per_mm_from_diagonal(ImVec2(1080, 1920), kDefaultPanelDiagonalInch);
  CHECK(px_per_mm * 25.4f == Approx(102.46f).epsilon(0.001));
  CHECK(px_per_mm_from_dpi(254.0f) == Approx(10.0f));
  Layout layout = Layout::for_default_panel(kPortrait);
  CHECK(layout.px_per_mm() == Approx(px_per_mm));
  CHECK(layout.touch_target() == Approx(15.0f * px_per_mm));
  CHECK(layout.touch_target() > 60.0f);  // 15 mm is ~60 px here, never a fraction of the window
}

TEST_CASE("millimetres scale with the density, not with the window") {
  Layout dense(kPortrait, 8.0f), sparse(kPortrait, 4.0f);
  CHECK(dense.mm(15) == Approx(120.0f));
  CHECK(sparse.mm(15) == Approx(60.0f));
  CHECK(sparse.to_mm(60.0f) == Approx(15.0f));
  CHECK(sparse.mm(10, 5).x == Approx(40.0f));
  CHECK(sparse.mm(10, 5).y == Approx(20.0f));
  CHECK(sparse.text_px(9.1f) == 36.0f);  // whole pixels for font sizes
}

TEST_CASE("a non-positive density falls back instead of dividing by zero") {
  Layout layout(kPortrait, 0.0f);
  CHECK(layout.px_per_mm() == 1.0f);
  CHECK(layout.to_mm(10.0f) == 10.0f);
}

TEST_CASE("the brand bar tops the screen and content sits inside the margins below it") {
  Layout layout(kPortrait, 4.0f);
  Rect bar = layout.brand_bar();
  CHECK(bar.min.y == 0.0f);
  CHECK(bar.height() == Approx(kBrandBarMm * 4.0f));
  CHECK(bar.width() == 1080.0f);
  Rect content = layout.content();
  CHECK(content.min.y == Approx(bar.max.y + kMarginMm * 4.0f));
  CHECK(content.min.x == Approx(kMarginMm * 4.0f));
  CHECK(content.max.x == Approx(1080.0f - kMarginMm * 4.0f));
  CHECK(content.max.y == Approx(1920.0f - kMarginMm * 4.0f));
  CHECK(layout.portrait());
  CHECK_FALSE(Layout(Rect{ImVec2(0, 0), ImVec2(1920, 1080)}, 4.0f).portrait());
}

TEST_CASE("rows stack top down with gaps and fill rows share the rest") {
  Layout layout(Rect{ImVec2(0, 100), ImVec2(400, 500)}, 2.0f);
  auto rows = layout.rows(layout.screen(), {20, kFill, 30, kFill}, 5);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].min.y == 100.0f);
  CHECK(rows[0].height() == Approx(40.0f));
  CHECK(rows[1].min.y == Approx(150.0f));  // 40 px row + 10 px gap
  // 400 px - 40 - 60 fixed - 3 gaps of 10 = 270 shared by two fill rows
  CHECK(rows[1].height() == Approx(135.0f));
  CHECK(rows[3].height() == Approx(135.0f));
  CHECK(rows[3].max.y == Approx(500.0f));
  for (const Rect& r : rows) CHECK(r.width() == 400.0f);
}

TEST_CASE("fill rows shrink to nothing, never below, when fixed rows take everything") {
  auto rows = stack_rows(Rect{ImVec2(0, 0), ImVec2(100, 100)}, {80, kFill, 40}, 10);
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].height() == 0.0f);
}

TEST_CASE("columns split a rect evenly with gaps or by given widths") {
  auto cols = split_columns(Rect{ImVec2(10, 0), ImVec2(330, 50)}, 3, 10);
  REQUIRE(cols.size() == 3);
  CHECK(cols[0].min.x == 10.0f);
  CHECK(cols[0].width() == Approx(100.0f));
  CHECK(cols[1].min.x == Approx(120.0f));
  CHECK(cols[2].max.x == Approx(330.0f));
  CHECK(cols[2].height() == 50.0f);
  Layout layout(Rect{ImVec2(0, 0), ImVec2(200, 50)}, 1.0f);
  auto named = layout.columns(layout.screen(), {kFill, 50}, 10);
  CHECK(named[0].width() == Approx(140.0f));
  CHECK(named[1].min.x == Approx(150.0f));
  CHECK(layout.columns(layout.screen(), 4, 0).size() == 4);
  CHECK(split_columns(layout.screen(), 0, 10).empty());
}

TEST_CASE("a grid lays cells row by row") {
  auto cells = grid(Rect{ImVec2(0, 0), ImVec2(310, 410)}, 4, 3, 10);
  REQUIRE(cells.size() == 12);
  CHECK(cells[0].width() == Approx(96.6667f));
  CHECK(cells[0].height() == Approx(95.0f));
  CHECK(cells[3].min.y == Approx(105.0f));
  CHECK(cells[3].min.x == 0.0f);
  CHECK(cells[11].max.x == Approx(310.0f));
  CHECK(cells[11].max.y == Approx(410.0f));
}

TEST_CASE("cutting strips off a rect shrinks what is left") {
  Rect r{ImVec2(0, 0), ImVec2(100, 200)};
  Rect top = cut_top(r, 30);
  Rect bottom = cut_bottom(r, 40);
  Rect left = cut_left(r, 10);
  Rect right = cut_right(r, 500);  // more than is left: takes all, no negative size
  CHECK(top.max.y == 30.0f);
  CHECK(bottom.min.y == 160.0f);
  CHECK(left.max.x == 10.0f);
  CHECK(right.width() == 90.0f);
  CHECK(r.width() == 0.0f);
  CHECK(r.min.y == 30.0f);
  CHECK(r.max.y == 160.0f);
}

TEST_CASE("inset and centred stay well formed") {
  Rect r{ImVec2(0, 0), ImVec2(100, 40)};
  Rect in = inset(r, 30);
  CHECK(in.width() == 40.0f);
  CHECK(in.height() == 0.0f);  // clamped, never negative
  Rect c = centred(r, ImVec2(20, 10));
  CHECK(c.min.x == 40.0f);
  CHECK(c.min.y == 15.0f);
  CHECK(r.contains(ImVec2(0, 0)));
  CHECK_FALSE(r.contains(ImVec2(100, 20)));
  CHECK(Rect::from_pos_size(ImVec2(5, 6), ImVec2(10, 20)).as_vec4().w == 26.0f);
}
