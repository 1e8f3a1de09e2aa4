// The touch button and text drawing, in headless frames.
#include <catch2/catch.hpp>

#include "drawn_text.h"
#include "kiosk/ui/widgets.h"
#include "widget_frame.h"

using namespace kiosk::ui;
using kiosk::ui::testing::WidgetFrame;

namespace {
const Rect kButton{ImVec2(100, 100), ImVec2(500, 200)};
}

TEST_CASE("a touch button fires once, on release, for a tap") {
  WidgetFrame ui("确定");
  int fired = 0;
  std::vector<int> fired_on_frame;
  int frame = 0;
  auto draw = [&] {
    ++frame;
    if (touch_button("ok", "确定", kButton, ButtonKind::primary, ui.fonts().body, ui.rects)) {
      ++fired;
      fired_on_frame.push_back(frame);
    }
  };
  ui.idle(draw);
  const ImVec2 c = ui.centre_of("ok");
  ui.frame(c, false, draw);
  ui.frame(c, true, draw);
  ui.frame(c, true, draw);
  CHECK(fired == 0);  // held: not yet
  ui.frame(c, false, draw);
  CHECK(fired == 1);
  CHECK(fired_on_frame == std::vector<int>{5});
  ui.frame(c, false, draw);
  CHECK(fired == 1);
}

TEST_CASE("a slide that ends on a touch button does not fire it") {
  WidgetFrame ui("确定");
  int fired = 0;
  auto draw = [&] {
    if (touch_button("ok", "确定", kButton, ButtonKind::primary, ui.fonts().body, ui.rects))
      ++fired;
  };
  ui.idle(draw);
  // From outside onto the button.
  ui.drag(ImVec2(300, 600), ui.centre_of("ok"), 6, draw);
  CHECK(fired == 0);
  // Starting on it, sliding away and back: a swipe, not a tap.
  ui.frame(ui.centre_of("ok"), false, draw);
  ui.frame(ui.centre_of("ok"), true, draw);
  ui.frame(ImVec2(300, 400), true, draw);
  ui.frame(ui.centre_of("ok"), true, draw);
  ui.frame(ui.centre_of("ok"), false, draw);
  CHECK(fired == 0);
  // A wobble within the slop still counts as a tap.
  ui.frame(ui.centre_of("ok"), false, draw);
  ui.frame(ui.centre_of("ok"), true, draw);
  ui.frame(ImVec2(ui.centre_of("ok").x + 6, ui.centre_of("ok").y + 5), true, draw);
  ui.frame(ImVec2(ui.centre_of("ok").x + 6, ui.centre_of("ok").y + 5), false, draw);
  CHECK(fired == 1);
}

TEST_CASE("a disabled touch button never fires") {
  WidgetFrame ui("确定");
  int fired = 0;
  auto draw = [&] {
    if (touch_button("ok", "确定", kButton, ButtonKind::disabled, ui.fonts().body, ui.rects))
      ++fired;
  };
  ui.tap("ok", draw);
  CHECK(fired == 0);
  CHECK(ui.rect_of("ok").width() == 400.0f);
}

TEST_CASE("the position-and-size overload draws and fires as the Rect one") {
  WidgetFrame ui("返回");
  int fired = 0;
  auto draw = [&] {
    if (touch_button("back", "返回", ImVec2(10, 20), ImVec2(200, 80), ButtonKind::secondary,
                     ui.fonts().body, ui.rects)) {
      ++fired;
    }
  };
  ui.tap("back", draw);
  CHECK(fired == 1);
  CHECK(ui.rect_of("back").max.y == 100.0f);
}

TEST_CASE("draw_text draws every character of a wrapped paragraph and measures its height") {
  const std::string text = "本人承诺所提供的材料真实有效，如有虚假愿承担相应责任。";
  WidgetFrame ui(text);
  float used = 0.0f, measured = 0.0f;
  const TextStyle style{ui.fonts().body, IM_COL32_BLACK, TextAlign::left};
  const float width = ui.fonts().body->GetCharAdvance(U'本') * 8.5f;  // 8 characters a line
  ui.idle([&] {
    used = draw_text(*ImGui::GetWindowDrawList(), text,
                     Rect{ImVec2(50, 50), ImVec2(50 + width, 50)}, style);
    measured = measure_text(text, width, style);
  });
  const float line = ui.fonts().body->FontSize * kLineSpacing;
  CHECK(used == Approx(measured));
  CHECK(used == Approx(line * 4));  // 27 characters, the final '。' kept with its word
  const std::string drawn = testing::drawn_text(*ImGui::GetDrawData(), ui.atlas());
  std::string joined;
  for (char c : drawn)
    if (c != '\n') joined += c;
  CHECK(joined == text);
}

TEST_CASE("text lines start with no closing punctuation when drawn") {
  // The case ImGui's own wrapping got wrong: '。' alone at the start of the last line.
  const std::string text = "请将身份证放在读卡区。";
  WidgetFrame ui(text);
  const float width = ui.fonts().body->GetCharAdvance(U'请') * 10.2f;  // ten fit, not eleven
  ui.idle([&] {
    draw_text(*ImGui::GetWindowDrawList(), text, Rect{ImVec2(0, 0), ImVec2(width, 0)},
              TextStyle{ui.fonts().body, IM_COL32_BLACK, TextAlign::left});
  });
  const ImDrawData& data = *ImGui::GetDrawData();
  REQUIRE(testing::drawn_text(data, ui.atlas()) == text + "\n");
  // The text was drawn last, one quad per character: quad K is character K, and where its
  // top edge is tells its line.
  const ImVector<ImDrawVert>& v = data.CmdLists[0]->VtxBuffer;
  REQUIRE(v.Size >= 11 * 4);
  const int first = v.Size - 11 * 4;
  const float line = ui.fonts().body->FontSize * kLineSpacing;
  auto line_of = [&](int k) { return static_cast<int>(v[first + k * 4].pos.y / line); };
  CHECK(line_of(0) == 0);
  CHECK(line_of(8) == 0);  // 卡 on the first line
  CHECK(line_of(9) == 1);  // 区 goes down with the full stop
  CHECK(line_of(10) == 1);
}

TEST_CASE("draw_text aligns each line left, centred or right in its area") {
  WidgetFrame ui("确定");
  const float advance = ui.fonts().body->GetCharAdvance(U'确') * 2;  // the line's width
  for (TextAlign align : {TextAlign::left, TextAlign::centre, TextAlign::right}) {
    ui.idle([&] {
      draw_text(*ImGui::GetWindowDrawList(), "确定", Rect{ImVec2(100, 0), ImVec2(500, 0)},
                TextStyle{ui.fonts().body, IM_COL32_BLACK, align});
    });
    // The glyphs are the last 8 vertices; where the line starts is the first glyph's
    // pen position, its left edge less the glyph's own bearing.
    const ImVector<ImDrawVert>& v = ImGui::GetDrawData()->CmdLists[0]->VtxBuffer;
    REQUIRE(v.Size >= 8);
    const float left = v[v.Size - 8].pos.x - ui.fonts().body->FindGlyph(U'确')->X0;
    const float expected = align == TextAlign::left     ? 100.0f
                           : align == TextAlign::centre ? 100.0f + (400.0f - advance) * 0.5f
                                                        : 500.0f - advance;
    CHECK(left == Approx(expected).margin(1.0));
  }
}
