#include "kiosk/ui/theme.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {
ImVec4 rgba(ImU32 c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}

// WCAG 2's relative luminance of an sRGB colour.
float luminance(ImU32 c) {
  const ImVec4 v = rgba(c);
  auto linear = [](float s) {
    return s <= 0.03928f ? s / 12.92f : std::pow((s + 0.055f) / 1.055f, 2.4f);
  };
  return 0.2126f * linear(v.x) + 0.7152f * linear(v.y) + 0.0722f * linear(v.z);
}
}  // namespace

float contrast_ratio(ImU32 a, ImU32 b) {
  const float la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

void apply_theme(ImGuiStyle& style) {
  style = ImGuiStyle();
  ImGui::StyleColorsLight(&style);
  // Finger-sized targets: ~10 mm is 64-80 px on a 21-27" 1080p panel.
  style.WindowPadding = ImVec2(48, 40);
  style.FramePadding = ImVec2(32, 20);
  style.ItemSpacing = ImVec2(24, 24);
  style.ItemInnerSpacing = ImVec2(16, 12);
  style.TouchExtraPadding = ImVec2(4, 4);  // small: overlaps go to the first widget
  style.ScrollbarSize = 40;
  style.GrabMinSize = 40;
  style.FrameRounding = 14;
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = 0;

  auto* c = style.Colors;
  c[ImGuiCol_WindowBg] = rgba(color::kBackground);
  c[ImGuiCol_Text] = rgba(color::kText);
  c[ImGuiCol_Button] = rgba(color::kPrimary);
  c[ImGuiCol_ButtonHovered] = rgba(color::kPrimary);  // touch has no hover
  c[ImGuiCol_ButtonActive] = rgba(color::kPrimaryActive);
  c[ImGuiCol_ScrollbarBg] = rgba(color::kBackground);
  c[ImGuiCol_ScrollbarGrab] = rgba(color::kOutline);
}

}  // namespace kiosk::ui
