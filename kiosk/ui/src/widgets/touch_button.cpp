#include <string>

#include "kiosk/ui/theme.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {}  // namespace

bool pointer_was_tap() {
  return ImGui::GetIO().MouseDragMaxDistanceSqr[0] <= kTapSlopPx * kTapSlopPx;
}

bool touch_button(std::string_view id, std::string_view label, Rect rect, ButtonKind kind,
                  ImFont* font, ItemRects& rects) {
  ImGui::SetCursorScreenPos(rect.min);
  const std::string imgui_id(id);
  const ImVec2 size(std::max(rect.width(), 1.0f), std::max(rect.height(), 1.0f));
  const bool released = ImGui::InvisibleButton(imgui_id.c_str(), size);
  const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
  rects.insert_or_assign(imgui_id, rect.as_vec4());

  ImU32 fill = color::kPrimary, text = color::kOnBrand, outline = 0;
  switch (kind) {
    case ButtonKind::primary: fill = held ? color::kPrimaryActive : color::kPrimary; break;
    case ButtonKind::secondary:
      fill = held ? color::kSecondaryHeld : color::kCard;
      text = color::kPrimary;
      outline = color::kPrimary;
      break;
    case ButtonKind::on_brand:
      fill = held ? color::kBrandButtonHeld : color::kBrandButton;
      outline = color::kOnBrand;
      break;
    case ButtonKind::disabled:
      fill = color::kDisabledFill;
      text = color::kDisabledText;
      outline = color::kOutline;
      break;
  }
  auto& draw = *ImGui::GetWindowDrawList();
  const float rounding = ImGui::GetStyle().FrameRounding;
  draw.AddRectFilled(rect.min, rect.max, fill, rounding);
  if (outline != 0) draw.AddRect(rect.min, rect.max, outline, rounding, 0, 3.0f);
  const float pad = 8.0f;
  const float h = text_height(font, label, rect.width() - 2 * pad);
  text_centered(draw, font, label,
                ImVec2(rect.min.x + pad, rect.min.y + (rect.height() - h) * 0.5f),
                rect.width() - 2 * pad, text);

  return released && kind != ButtonKind::disabled && pointer_was_tap();
}

bool touch_button(std::string_view id, std::string_view label, ImVec2 pos, ImVec2 size,
                  ButtonKind kind, ImFont* font, ItemRects& rects) {
  return touch_button(id, label, Rect::from_pos_size(pos, size), kind, font, rects);
}

}  // namespace kiosk::ui
