#include "kiosk/ui/theme.h"

namespace kiosk::ui {
namespace {
ImVec4 rgba(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
}  // namespace

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
