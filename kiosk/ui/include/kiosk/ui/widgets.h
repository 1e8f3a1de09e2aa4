#pragma once
// Touch widgets drawn at absolute positions. Screens use these, never raw ImGui sizing.
#include <map>
#include <string>
#include <string_view>

#include <imgui.h>

namespace kiosk::ui {

enum class ButtonKind { primary, secondary, on_brand };

// Where each named widget was drawn in the last frame: tests tap them by name.
using ItemRects = std::map<std::string, ImVec4, std::less<>>;  // x0, y0, x1, y1

// Fires on release, and only when the finger did not slide further than a tap's slop
// (ImGui alone would click a button that a swipe started and ended on).
bool touch_button(std::string_view id, std::string_view label, ImVec2 pos, ImVec2 size,
                  ButtonKind kind, ImFont* font, ItemRects& rects);

// Draws TEXT wrapped to WIDTH with each line centred; returns the height used.
float text_centered(ImDrawList& draw, ImFont* font, std::string_view text, ImVec2 top_left,
                    float width, ImU32 color);

// The height TEXT takes when wrapped to WIDTH.
float text_height(ImFont* font, std::string_view text, float width);

}  // namespace kiosk::ui
