// The signature pad in headless frames, feeding a real core::Signature.
#include <catch2/catch.hpp>

#include "kiosk/core/signature.h"
#include "kiosk/ui/signature_pad.h"
#include "widget_frame.h"

using namespace kiosk::ui;
using kiosk::core::Signature;
using kiosk::core::SignatureInput;
using kiosk::ui::testing::WidgetFrame;

namespace {
const SignaturePadLabels kLabels{"重写", "请在框内签名"};

struct PadScreen {
  WidgetFrame ui{"重写请在框内签名"};
  Layout layout = Layout::for_default_panel(Rect{ImVec2(0, 0), ImVec2(1080, 1920)});
  Signature signature;
  std::vector<SignatureInput> inputs;
  Rect area{ImVec2(80, 400), ImVec2(1000, 1000)};

  std::function<void()> draw() {
    return [this] {
      if (auto input =
              signature_pad("sign", area, signature, kLabels, ui.fonts(), layout, ui.rects)) {
        inputs.push_back(*input);
        signature.apply(*input);
      }
    };
  }
  // The vertices drawn in ink (the strokes' colour) in the last frame.
  static int ink_vertices() {
    const ImU32 ink = IM_COL32(0x10, 0x10, 0x30, 0);  // RGB of the pad's ink; alpha varies (AA)
    int count = 0;
    const ImDrawData& data = *ImGui::GetDrawData();
    for (int l = 0; l < data.CmdListsCount; ++l) {
      for (const ImDrawVert& v : data.CmdLists[l]->VtxBuffer) count += (v.col & 0x00FFFFFF) == ink;
    }
    return count;
  }
};
}  // namespace

TEST_CASE("a drag on the signature pad draws a stroke") {
  PadScreen screen;
  screen.ui.idle(screen.draw());
  const Rect pad = screen.ui.rect_of("sign/pad");
  CHECK(PadScreen::ink_vertices() == 0);
  screen.ui.drag(ImVec2(pad.min.x + 100, pad.centre().y), ImVec2(pad.max.x - 100, pad.centre().y),
                 20, screen.draw());
  REQUIRE(screen.signature.stroke_count() == 1);
  CHECK_FALSE(screen.signature.stroke_open());
  CHECK(screen.inputs.back().kind == SignatureInput::Kind::end_stroke);
  const auto stroke = screen.signature.stroke(0);
  CHECK(stroke.size() >= 20);
  // ImGui floors the pointer position to whole pixels.
  CHECK(stroke.front().x == Approx(100.0f / pad.width()).margin(0.005));
  CHECK(stroke.back().x == Approx(1.0f - 100.0f / pad.width()).margin(0.005));
  CHECK(stroke.front().y == Approx(0.5f).margin(0.005));
  CHECK_FALSE(screen.signature.is_blank());
  // The stroke is drawn as a line through its points.
  screen.ui.idle(screen.draw());
  CHECK(PadScreen::ink_vertices() >= static_cast<int>(stroke.size()) * 2);
}

TEST_CASE("each lift of the finger ends a stroke") {
  PadScreen screen;
  screen.ui.idle(screen.draw());
  const Rect pad = screen.ui.rect_of("sign/pad");
  screen.ui.drag(pad.centre(), ImVec2(pad.centre().x + 200, pad.centre().y + 50), 5, screen.draw());
  screen.ui.drag(ImVec2(pad.min.x + 50, pad.min.y + 50), ImVec2(pad.min.x + 60, pad.max.y - 50), 5,
                 screen.draw());
  CHECK(screen.signature.stroke_count() == 2);
}

TEST_CASE("a finger that wanders off the pad keeps drawing along its edge") {
  PadScreen screen;
  screen.ui.idle(screen.draw());
  const Rect pad = screen.ui.rect_of("sign/pad");
  screen.ui.drag(pad.centre(), ImVec2(pad.centre().x, pad.min.y - 300), 6, screen.draw());
  REQUIRE(screen.signature.stroke_count() == 1);
  CHECK(screen.signature.stroke(0).back().y == 0.0f);
}

TEST_CASE("a drag that starts outside the pad draws nothing") {
  PadScreen screen;
  screen.ui.idle(screen.draw());
  const Rect pad = screen.ui.rect_of("sign/pad");
  screen.ui.drag(ImVec2(pad.centre().x, pad.min.y - 100), pad.centre(), 6, screen.draw());
  CHECK(screen.signature.point_count() == 0);
  CHECK(screen.inputs.empty());
}

TEST_CASE("the clear button empties the pad") {
  PadScreen screen;
  screen.ui.idle(screen.draw());
  const Rect pad = screen.ui.rect_of("sign/pad");
  screen.ui.drag(pad.centre(), ImVec2(pad.max.x - 10, pad.max.y - 10), 6, screen.draw());
  REQUIRE(screen.signature.point_count() > 0);
  screen.ui.tap("sign/clear", screen.draw());
  CHECK(screen.inputs.back().kind == SignatureInput::Kind::clear);
  CHECK(screen.signature.point_count() == 0);
  const Rect clear = screen.ui.rect_of("sign/clear");
  CHECK(screen.layout.to_mm(clear.height()) >= kMinTouchTargetMm);
  CHECK(screen.layout.to_mm(clear.width()) >= kMinTouchTargetMm);
}
