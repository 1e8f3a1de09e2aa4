// The number pad in headless frames, bound to a real core::Keypad.
#include <catch2/catch.hpp>

#include "drawn_text.h"
#include "kiosk/core/keypad.h"
#include "kiosk/ui/number_pad.h"
#include "widget_frame.h"

using namespace kiosk::ui;
using kiosk::core::Keypad;
using kiosk::core::KeypadKey;
using kiosk::core::KeypadKind;
using kiosk::ui::testing::WidgetFrame;

namespace {
const NumberPadLabels kLabels{"删除", "清空", "确定", "请输入手机号码"};
const std::string kText = "删除清空确定请输入手机号码 ";

// A pad on the default panel; every key tapped is applied to the keypad, as the session would.
struct PadScreen {
  WidgetFrame ui{kText};
  Layout layout = Layout::for_default_panel(Rect{ImVec2(0, 0), ImVec2(1080, 1920)});
  Keypad keypad;
  std::vector<KeypadKey> keys;
  Rect area;

  explicit PadScreen(KeypadKind kind) : keypad(kind) {
    const ImVec2 size = number_pad_min_size(layout);
    area = Rect::from_pos_size(ImVec2(100, 300), ImVec2(size.x + 200, size.y + 300));
  }
  std::function<void()> draw() {
    return [this] {
      if (auto key = number_pad("pad", area, keypad, kLabels, ui.fonts(), layout, ui.rects)) {
        keys.push_back(*key);
        keypad.press(*key);
      }
    };
  }
  void tap(std::string_view key) { ui.tap(std::string("pad/") + std::string(key), draw()); }
  void type(std::string_view digits) {
    for (char c : digits) tap(std::string(1, c));
  }
};
}  // namespace

TEST_CASE("tapping the number pad's keys types digits into the keypad") {
  PadScreen screen(KeypadKind::mobile);
  screen.type("13812345678");
  CHECK(screen.keypad.value().reveal() == "13812345678");
  CHECK(screen.keys.size() == 11);
  CHECK(screen.keys.front() == KeypadKey::digit_1);
  CHECK(screen.keys.back() == KeypadKey::digit_8);
}

TEST_CASE("delete, clear and confirm keys reach the keypad") {
  PadScreen screen(KeypadKind::mobile);
  screen.type("139");
  screen.tap("erase");
  CHECK(screen.keypad.value().reveal() == "13");
  screen.tap("clear");
  CHECK(screen.keypad.empty());
  screen.type("13912345678");
  screen.tap("confirm");
  REQUIRE_FALSE(screen.keys.empty());
  CHECK(screen.keys.back() == KeypadKey::confirm);
}

TEST_CASE("confirm is disabled until the entry is long enough") {
  PadScreen screen(KeypadKind::staff_pin);
  screen.type("123");
  screen.tap("confirm");
  CHECK(screen.keys.back() != KeypadKey::confirm);
  screen.type("4");
  screen.tap("confirm");
  CHECK(screen.keys.back() == KeypadKey::confirm);
}

TEST_CASE("a drag across the pad types nothing") {
  PadScreen screen(KeypadKind::mobile);
  screen.ui.idle(screen.draw());
  screen.ui.drag(screen.ui.centre_of("pad/1"), screen.ui.centre_of("pad/9"), 8, screen.draw());
  screen.ui.drag(screen.ui.centre_of("pad/5"), screen.ui.centre_of("pad/5"), 1, screen.draw());
  CHECK(screen.keys.size() == 1);  // the second is a press and release in place: a tap
  screen.ui.drag(screen.ui.centre_of("pad/5"), screen.ui.centre_of("pad/6"), 4, screen.draw());
  CHECK(screen.keys.size() == 1);
}

TEST_CASE("every key of the number pad is at least 15 mm on the default panel") {
  PadScreen screen(KeypadKind::bank_account);
  screen.ui.idle(screen.draw());
  for (const char* key :
       {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "clear", "confirm"}) {
    INFO(key);
    const Rect r = screen.ui.rect_of(std::string("pad/") + key);
    CHECK(screen.layout.to_mm(r.width()) >= kMinTouchTargetMm);
    CHECK(screen.layout.to_mm(r.height()) >= kMinTouchTargetMm);
  }
  // Even at the smallest size the pad asks for.
  screen.area = Rect::from_pos_size(ImVec2(0, 0), number_pad_min_size(screen.layout));
  screen.ui.idle(screen.draw());
  CHECK(screen.layout.to_mm(screen.ui.rect_of("pad/0").height()) >= kMinTouchTargetMm - 0.01f);
  CHECK(screen.layout.to_mm(screen.ui.rect_of("pad/0").width()) >= kMinTouchTargetMm - 0.01f);
}

TEST_CASE("the entry shows the masked number, never the plain one") {
  PadScreen screen(KeypadKind::mobile);
  screen.ui.idle(screen.draw());
  CHECK(testing::drawn_text(*ImGui::GetDrawData(), screen.ui.atlas()).find("请输入手机号码") !=
        std::string::npos);
  screen.type("13812345678");
  screen.ui.idle(screen.draw());
  const std::string drawn = testing::drawn_text(*ImGui::GetDrawData(), screen.ui.atlas());
  CHECK(drawn.find("138****5678") != std::string::npos);  // spaces are not drawn as glyphs
  CHECK(drawn.find("1234") == std::string::npos);
}

TEST_CASE("a staff PIN is never drawn") {
  PadScreen screen(KeypadKind::staff_pin);
  screen.type("9051");
  screen.ui.idle(screen.draw());
  const std::string drawn = testing::drawn_text(*ImGui::GetDrawData(), screen.ui.atlas());
  CHECK(drawn.find("****") != std::string::npos);
  CHECK(drawn.find("9051") == std::string::npos);
}
