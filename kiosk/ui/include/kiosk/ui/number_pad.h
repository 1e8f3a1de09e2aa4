#pragma once
// The number pad: the masked entry on top, keys 1-9, clear, 0, delete in a 4x3 grid and a
// confirm key across the bottom, each at least kMinTouchTargetMm. Bound to a core::Keypad
// it only reads: the key tapped goes back to the caller, who hands it to the session.
#include <optional>
#include <string_view>

#include "kiosk/core/keypad.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/ui/layout.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

// The words on the keys, from the catalogue (zh-CN or English).
struct NumberPadLabels {
  std::string_view erase;
  std::string_view clear;
  std::string_view confirm;
  std::string_view placeholder;  // shown in the entry while it is empty, muted
};

// The smallest area that keeps every key at the minimum touch size.
ImVec2 number_pad_min_size(const Layout& layout);

// Draws in AREA; items are named "<id>/0".."<id>/9", "<id>/erase", "<id>/clear",
// "<id>/confirm" and "<id>/entry". Confirm is disabled until the entry is long enough.
std::optional<core::KeypadKey> number_pad(std::string_view id, Rect area,
                                          const core::Keypad& keypad, const NumberPadLabels& labels,
                                          const FontSet& fonts, const Layout& layout,
                                          ItemRects& rects);

}  // namespace kiosk::ui
