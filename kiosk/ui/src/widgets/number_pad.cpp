#include "kiosk/ui/number_pad.h"

#include <array>
#include <string>

#include "kiosk/ui/theme.h"

namespace kiosk::ui {
namespace {
constexpr float kEntryMm = 22.0f;
constexpr float kGapMm = 3.0f;
constexpr int kKeyRows = 5;  // four of digits, one of confirm

std::string item(std::string_view id, std::string_view key) {
  std::string name(id);
  name += '/';
  name += key;
  return name;
}
}  // namespace

ImVec2 number_pad_min_size(const Layout& layout) {
  const float key = kMinTouchTargetMm;
  return layout.mm(3 * key + 2 * kGapMm, kEntryMm + kKeyRows * (key + kGapMm));
}

std::optional<core::KeypadKey> number_pad(std::string_view id, Rect area,
                                          const core::Keypad& keypad, const NumberPadLabels& labels,
                                          const FontSet& fonts, const Layout& layout,
                                          ItemRects& rects) {
  auto& draw = *ImGui::GetWindowDrawList();
  const auto parts = layout.rows(area, {kEntryMm, kFill}, kGapMm);
  const Rect entry = parts[0];
  const float rounding = ImGui::GetStyle().FrameRounding;
  draw.AddRectFilled(entry.min, entry.max, color::kCard, rounding);
  draw.AddRect(entry.min, entry.max, color::kOutline, rounding, 0, 2.0f);
  const std::string shown = keypad.display();
  const bool empty = shown.empty();
  const std::string_view text = empty ? labels.placeholder : std::string_view(shown);
  ImFont* font = empty ? fonts.body : fonts.heading;
  const Rect inner = inset(entry, layout.mm(4.0f), 0.0f);
  const TextStyle style{font, empty ? color::kTextMuted : color::kText, TextAlign::left};
  const float h = measure_text(text, inner.width(), style);
  draw_text(draw, text, Rect{ImVec2(inner.min.x, inner.centre().y - h * 0.5f), inner.max}, style);
  rects.insert_or_assign(item(id, "entry"), entry.as_vec4());

  std::optional<core::KeypadKey> pressed;
  const auto rows = layout.rows(parts[1], {kFill, kFill, kFill, kFill, kFill}, kGapMm);
  // 1 2 3 / 4 5 6 / 7 8 9 / clear 0 erase
  for (int r = 0; r < 4; ++r) {
    const auto keys = layout.columns(rows[static_cast<std::size_t>(r)], 3, kGapMm);
    for (int c = 0; c < 3; ++c) {
      const Rect key = keys[static_cast<std::size_t>(c)];
      if (r < 3 || c == 1) {
        const int digit = r < 3 ? r * 3 + c + 1 : 0;
        const std::string label(1, static_cast<char>('0' + digit));
        if (touch_button(item(id, label), label, key, ButtonKind::secondary, fonts.heading,
                         rects)) {
          pressed = core::digit_key(digit);
        }
      } else if (c == 0) {
        if (touch_button(item(id, "clear"), labels.clear, key, ButtonKind::secondary, fonts.body,
                         rects)) {
          pressed = core::KeypadKey::clear;
        }
      } else if (touch_button(item(id, "erase"), labels.erase, key, ButtonKind::secondary,
                              fonts.body, rects)) {
        pressed = core::KeypadKey::erase;
      }
    }
  }
  const bool ready = keypad.length() >= keypad.min_length();
  if (touch_button(item(id, "confirm"), labels.confirm, rows[4],
                   ready ? ButtonKind::primary : ButtonKind::disabled, fonts.heading, rects)) {
    pressed = core::KeypadKey::confirm;
  }
  return pressed;
}

}  // namespace kiosk::ui
