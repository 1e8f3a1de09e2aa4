#pragma once
// The look: large, high-contrast, made for fingers and older eyes.
#include <imgui.h>

namespace kiosk::ui {

namespace color {
inline constexpr ImU32 kBackground = IM_COL32(0xF4, 0xF6, 0xF9, 0xFF);
inline constexpr ImU32 kText = IM_COL32(0x1A, 0x1A, 0x1A, 0xFF);
inline constexpr ImU32 kTextMuted = IM_COL32(0x4A, 0x4F, 0x57, 0xFF);  // 8:1 on background
inline constexpr ImU32 kBrand = IM_COL32(0xB7, 0x1C, 0x1C, 0xFF);      // union red
inline constexpr ImU32 kOnBrand = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kPrimary = IM_COL32(0x0B, 0x4F, 0x9C, 0xFF);    // action blue
inline constexpr ImU32 kPrimaryActive = IM_COL32(0x08, 0x3A, 0x73, 0xFF);
inline constexpr ImU32 kCard = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kOutline = IM_COL32(0x9A, 0xA3, 0xAE, 0xFF);
inline constexpr ImU32 kWarning = IM_COL32(0x8A, 0x4B, 0x00, 0xFF);
}  // namespace color

// Sets sizes and colours on STYLE from the default style.
void apply_theme(ImGuiStyle& style);

}  // namespace kiosk::ui
