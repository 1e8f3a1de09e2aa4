#include "kiosk/ui/widgets.h"

#include <string>

#include "kiosk/ui/fonts.h"
#include "kiosk/ui/theme.h"

namespace kiosk::ui {
namespace {
// A finger moves a few pixels while tapping; beyond this it is a swipe.
constexpr float kTapSlopPx = 18.0f;

// Headings are baked from the app's own strings only. Text from outside (a name read from a
// card) may hold characters they lack; such text is drawn with the default font, which has
// every CJK character, scaled to the heading's size: a little soft, never a '?'.
struct FontChoice {
  ImFont* font;
  float size;
};
FontChoice choose_font(ImFont* font, std::string_view text) {
  ImFont* fallback = ImGui::GetIO().FontDefault;
  if (fallback == nullptr || fallback == font || missing_glyphs(*font, text).empty()) {
    return {font, font->FontSize};
  }
  return {fallback, font->FontSize};
}

// Splits TEXT into the lines word wrap makes at WIDTH.
template <class LineFn>
void for_each_line(FontChoice choice, std::string_view text, float width, LineFn&& line) {
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  const float scale = choice.size / choice.font->FontSize;
  while (begin < end) {
    const char* wrap = choice.font->CalcWordWrapPositionA(scale, begin, end, width);
    if (wrap == begin) wrap = begin + 1;  // never loop on a glyph wider than the line
    line(begin, wrap);
    begin = wrap;
    while (begin < end && *begin == ' ') ++begin;
  }
}
}  // namespace

bool touch_button(std::string_view id, std::string_view label, ImVec2 pos, ImVec2 size,
                  ButtonKind kind, ImFont* font, ItemRects& rects) {
  ImGui::SetCursorScreenPos(pos);
  std::string imgui_id(id);
  bool released = ImGui::InvisibleButton(imgui_id.c_str(), size);
  bool held = ImGui::IsItemActive();
  rects.insert_or_assign(std::string(id), ImVec4(pos.x, pos.y, pos.x + size.x, pos.y + size.y));

  ImU32 fill = color::kPrimary, text = color::kOnBrand, outline = 0;
  switch (kind) {
    case ButtonKind::primary:
      fill = held ? color::kPrimaryActive : color::kPrimary;
      break;
    case ButtonKind::secondary:
      fill = held ? IM_COL32(0xDD, 0xE3, 0xEA, 0xFF) : color::kCard;
      text = color::kPrimary;
      outline = color::kPrimary;
      break;
    case ButtonKind::on_brand:
      fill = held ? IM_COL32(0xFF, 0xFF, 0xFF, 0x40) : IM_COL32(0xFF, 0xFF, 0xFF, 0x20);
      outline = color::kOnBrand;
      break;
  }
  auto& draw = *ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + size.x, pos.y + size.y);
  float rounding = ImGui::GetStyle().FrameRounding;
  draw.AddRectFilled(pos, max, fill, rounding);
  if (outline != 0) draw.AddRect(pos, max, outline, rounding, 0, 3.0f);
  float h = text_height(font, label, size.x - 16.0f);
  text_centered(draw, font, label, ImVec2(pos.x + 8.0f, pos.y + (size.y - h) * 0.5f),
                size.x - 16.0f, text);

  if (!released) return false;
  return ImGui::GetIO().MouseDragMaxDistanceSqr[0] <= kTapSlopPx * kTapSlopPx;
}

float text_height(ImFont* font, std::string_view text, float width) {
  int lines = 0;
  for_each_line(choose_font(font, text), text, width, [&](const char*, const char*) { ++lines; });
  return static_cast<float>(lines) * font->FontSize * 1.25f;
}

float text_centered(ImDrawList& draw, ImFont* font, std::string_view text, ImVec2 top_left,
                    float width, ImU32 color) {
  float y = top_left.y;
  const float line_height = font->FontSize * 1.25f;
  const FontChoice choice = choose_font(font, text);
  for_each_line(choice, text, width, [&](const char* begin, const char* end) {
    ImVec2 size = choice.font->CalcTextSizeA(choice.size, FLT_MAX, 0.0f, begin, end);
    float x = top_left.x + (width - size.x) * 0.5f;
    draw.AddText(choice.font, choice.size, ImVec2(x, y + (line_height - choice.size) * 0.5f), color,
                 begin, end);
    y += line_height;
  });
  return y - top_left.y;
}

}  // namespace kiosk::ui
