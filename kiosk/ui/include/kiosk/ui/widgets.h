#pragma once
// Touch widgets drawn at absolute positions. Screens use these, never raw ImGui sizing.
// Each takes an id, a rect from the layout and fonts; records where it was drawn in
// ItemRects (tests tap by name); returns what the person did. None holds business state.
// Larger widgets have their own headers: scroll_list.h, number_pad.h, signature_pad.h.
#include <map>
#include <string>
#include <string_view>

#include <imgui.h>

#include "kiosk/ui/layout.h"

namespace kiosk::ui {

// disabled: drawn greyed and never fires (e.g. "confirm" until the entry is valid).
enum class ButtonKind { primary, secondary, on_brand, disabled };

// Where each named widget was drawn in the last frame: tests tap them by name.
using ItemRects = std::map<std::string, ImVec4, std::less<>>;  // x0, y0, x1, y1

// A finger moves a few pixels while tapping; beyond this it is a drag (~4.5 mm on the
// default panel). Every widget uses this one threshold, so a drag that scrolls a list
// never presses a button inside it.
inline constexpr float kTapSlopPx = 18.0f;

// True when the press that is (or was just) released stayed within the tap slop.
bool pointer_was_tap();

// Fires on release, and only when the finger did not slide further than a tap's slop
// (ImGui alone would click a button that a swipe started and ended on).
bool touch_button(std::string_view id, std::string_view label, Rect rect, ButtonKind kind,
                  ImFont* font, ItemRects& rects);
bool touch_button(std::string_view id, std::string_view label, ImVec2 pos, ImVec2 size,
                  ButtonKind kind, ImFont* font, ItemRects& rects);

enum class TextAlign { left, centre, right };

// Line height as a multiple of the font size: MIIT's elderly-friendly rule asks >= 1.3.
inline constexpr float kLineSpacing = 1.3f;

struct TextStyle {
  ImFont* font = nullptr;
  ImU32 color = IM_COL32_BLACK;
  TextAlign align = TextAlign::left;
  float size_px = 0.0f;  // 0: the font's own size
  float line_spacing = kLineSpacing;
};

// Draws TEXT broken into lines (text_breaking.h) to AREA's width, from its top; returns the
// height used. Nothing is clipped: AREA's height is for the caller to check with measure.
float draw_text(ImDrawList& draw, std::string_view text, Rect area, const TextStyle& style);
// The height draw_text would use.
float measure_text(std::string_view text, float width, const TextStyle& style);

// The older pair, kept for the screens that call them: centred lines 1.25 x the font size.
float text_centered(ImDrawList& draw, ImFont* font, std::string_view text, ImVec2 top_left,
                    float width, ImU32 color);
float text_height(ImFont* font, std::string_view text, float width);

}  // namespace kiosk::ui
