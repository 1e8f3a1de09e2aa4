// Text drawn through the Chinese line breaker, with a fallback font for outside text.
#include <cfloat>

#include "kiosk/ui/fonts.h"
#include "kiosk/ui/text_breaking.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {
namespace {
constexpr float kLegacyLineSpacing = 1.25f;

// Headings are baked from the app's own strings only. Text from outside (a name read from a
// card) may hold characters they lack; such text is drawn with the default font, which has
// every CJK character, scaled to the heading's size: a little soft, never a '?'.
struct FontChoice {
  ImFont* font;
  float size;
};
FontChoice choose_font(ImFont* font, float size, std::string_view text) {
  ImFont* fallback = ImGui::GetIO().FontDefault;
  if (fallback == nullptr || fallback == font || missing_glyphs(*font, text).empty()) {
    return {font, size};
  }
  return {fallback, size};
}

std::vector<LineSpan> lines_of(FontChoice choice, std::string_view text, float width) {
  const float scale = choice.size / choice.font->FontSize;
  ImFont* font = choice.font;
  return break_lines(text, width, [font, scale](char32_t cp) {
    return cp > 0xFFFF ? font->FallbackAdvanceX * scale
                       : font->GetCharAdvance(static_cast<ImWchar>(cp)) * scale;
  });
}

float size_of(const TextStyle& style) {
  return style.size_px > 0.0f ? style.size_px : style.font->FontSize;
}
}  // namespace

float measure_text(std::string_view text, float width, const TextStyle& style) {
  const float size = size_of(style);
  const auto lines = lines_of(choose_font(style.font, size, text), text, width);
  return static_cast<float>(lines.size()) * size * style.line_spacing;
}

float draw_text(ImDrawList& draw, std::string_view text, Rect area, const TextStyle& style) {
  const float size = size_of(style);
  const FontChoice choice = choose_font(style.font, size, text);
  const float line_height = size * style.line_spacing;
  float y = area.min.y;
  for (const LineSpan& line : lines_of(choice, text, area.width())) {
    float x = area.min.x;
    if (style.align == TextAlign::centre) x += (area.width() - line.width) * 0.5f;
    if (style.align == TextAlign::right) x += area.width() - line.width;
    draw.AddText(choice.font, choice.size, ImVec2(x, y + (line_height - size) * 0.5f), style.color,
                 text.data() + line.begin, text.data() + line.end);
    y += line_height;
  }
  return y - area.min.y;
}

float text_height(ImFont* font, std::string_view text, float width) {
  return measure_text(text, width, TextStyle{font, 0, TextAlign::centre, 0.0f, kLegacyLineSpacing});
}

float text_centered(ImDrawList& draw, ImFont* font, std::string_view text, ImVec2 top_left,
                    float width, ImU32 color) {
  return draw_text(draw, text, Rect{top_left, ImVec2(top_left.x + width, top_left.y)},
                   TextStyle{font, color, TextAlign::centre, 0.0f, kLegacyLineSpacing});
}

}  // namespace kiosk::ui
