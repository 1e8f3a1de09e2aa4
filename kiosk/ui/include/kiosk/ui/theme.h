#pragma once
// The look: large, high-contrast, made for fingers and older eyes. Every colour text is drawn
// in, and every colour it is drawn on, is here; kTextPairs lists each pairing the screens use,
// and a test holds each to WCAG's 7:1 (AAA) contrast.
#include <imgui.h>

namespace kiosk::ui {

namespace color {
inline constexpr ImU32 kBackground = IM_COL32(0xF4, 0xF6, 0xF9, 0xFF);
inline constexpr ImU32 kText = IM_COL32(0x1A, 0x1A, 0x1A, 0xFF);
inline constexpr ImU32 kTextMuted = IM_COL32(0x4A, 0x4F, 0x57, 0xFF);
inline constexpr ImU32 kBrand = IM_COL32(0xA3, 0x18, 0x18, 0xFF);  // union red
inline constexpr ImU32 kOnBrand = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
// Buttons on the brand bar: a deeper red, so white stays legible when pressed too.
inline constexpr ImU32 kBrandButton = IM_COL32(0x7A, 0x12, 0x12, 0xFF);
inline constexpr ImU32 kBrandButtonHeld = IM_COL32(0x5A, 0x0D, 0x0D, 0xFF);
inline constexpr ImU32 kPrimary = IM_COL32(0x0A, 0x44, 0x88, 0xFF);  // action blue
inline constexpr ImU32 kPrimaryActive = IM_COL32(0x07, 0x32, 0x5F, 0xFF);
inline constexpr ImU32 kSecondaryHeld = IM_COL32(0xEC, 0xF0, 0xF5, 0xFF);
inline constexpr ImU32 kCard = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kOutline = IM_COL32(0x9A, 0xA3, 0xAE, 0xFF);  // lines only, never text
inline constexpr ImU32 kWarning = IM_COL32(0x73, 0x3E, 0x00, 0xFF);
inline constexpr ImU32 kNotice = IM_COL32(0xFF, 0xF4, 0xE5, 0xFF);  // behind warnings
inline constexpr ImU32 kSuccess = IM_COL32(0x1B, 0x5E, 0x20, 0xFF);
inline constexpr ImU32 kDisabledFill = IM_COL32(0xE1, 0xE4, 0xE8, 0xFF);
inline constexpr ImU32 kDisabledText = IM_COL32(0x3A, 0x3F, 0x47, 0xFF);
inline constexpr ImU32 kInk = IM_COL32(0x10, 0x10, 0x30, 0xFF);  // the signature's strokes
}  // namespace color

// One way text appears: its colour on its background.
struct ColorPair {
  const char* use;
  ImU32 text;
  ImU32 background;
};
inline constexpr ColorPair kTextPairs[] = {
    {"body text", color::kText, color::kBackground},
    {"body text on a card", color::kText, color::kCard},
    {"muted text", color::kTextMuted, color::kBackground},
    {"muted text on a card", color::kTextMuted, color::kCard},
    {"titles and secondary buttons", color::kPrimary, color::kCard},
    {"titles on the page", color::kPrimary, color::kBackground},
    {"secondary button pressed", color::kPrimary, color::kSecondaryHeld},
    {"muted text in a pressed row", color::kTextMuted, color::kSecondaryHeld},
    {"text in a pressed row", color::kText, color::kSecondaryHeld},
    {"primary button", color::kOnBrand, color::kPrimary},
    {"primary button pressed", color::kOnBrand, color::kPrimaryActive},
    {"brand bar", color::kOnBrand, color::kBrand},
    {"brand bar button", color::kOnBrand, color::kBrandButton},
    {"brand bar button pressed", color::kOnBrand, color::kBrandButtonHeld},
    {"warnings", color::kWarning, color::kBackground},
    {"warnings on a card", color::kWarning, color::kCard},
    {"warning notices", color::kWarning, color::kNotice},
    {"submitted", color::kSuccess, color::kBackground},
    {"submitted on a card", color::kSuccess, color::kCard},
    {"disabled button", color::kDisabledText, color::kDisabledFill},
    {"signature", color::kInk, color::kCard},
};

// WCAG 2 contrast ratio of two opaque colours (1 to 21).
float contrast_ratio(ImU32 a, ImU32 b);

// Sets sizes and colours on STYLE from the default style.
void apply_theme(ImGuiStyle& style);

}  // namespace kiosk::ui
