#include "statement_text.h"

#include <strings.h>

#include <fmt/core.h>

namespace kiosk::receipts::detail {
namespace {

// Line height as a multiple of the font size: dense enough for a table, open enough to read.
constexpr double kLineSpacing = 1.2;

}  // namespace

void GObjectUnref::operator()(void* object) const {
  if (object != nullptr) g_object_unref(object);
}

void FontDescriptionFree::operator()(PangoFontDescription* description) const {
  if (description != nullptr) pango_font_description_free(description);
}

std::expected<TextShaper, StatementError> TextShaper::create(cairo_t* cr,
                                                             const std::string& family) {
  TextShaper shaper;
  shaper.m_context.reset(pango_cairo_create_context(cr));
  shaper.m_font.reset(pango_font_description_new());
  pango_font_description_set_family(shaper.m_font.get(), family.c_str());
  pango_font_description_set_size(shaper.m_font.get(), 10 * PANGO_SCALE);
  // Fontconfig always answers with some face; make sure it is the one asked for, or the
  // statement would print in a face that may lack the CJK glyphs.
  GPtr<PangoFont> font(pango_context_load_font(shaper.m_context.get(), shaper.m_font.get()));
  std::string resolved;
  if (font) {
    std::unique_ptr<PangoFontDescription, FontDescriptionFree> described(
        pango_font_describe(font.get()));
    if (const char* name = pango_font_description_get_family(described.get())) resolved = name;
  }
  if (strcasecmp(resolved.c_str(), family.c_str()) != 0) {
    return std::unexpected(StatementError{
        StatementError::Kind::font_missing,
        fmt::format("font '{}' is not installed (found '{}' instead); install fonts-noto-cjk",
                    family, resolved.empty() ? "none" : resolved)});
  }
  return shaper;
}

GPtr<PangoLayout> TextShaper::layout_for(const TextBox& box) const {
  GPtr<PangoLayout> layout(pango_layout_new(m_context.get()));
  pango_font_description_set_absolute_size(m_font.get(), box.size_pt * PANGO_SCALE);
  pango_font_description_set_weight(
      m_font.get(), box.weight == TextWeight::bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), m_font.get());
  pango_layout_set_width(layout.get(), pango_units_from_double(box.width));
  // Chinese breaks between any two characters; Latin words and numbers stay whole unless a
  // single one is wider than the column. Pango keeps closing punctuation off a line's start.
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing(layout.get(), kLineSpacing);
  if (box.max_lines > 0) {
    pango_layout_set_height(layout.get(), -box.max_lines);
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  }
  pango_layout_set_alignment(layout.get(), box.align == TextAlign::center  ? PANGO_ALIGN_CENTER
                                           : box.align == TextAlign::right ? PANGO_ALIGN_RIGHT
                                                                           : PANGO_ALIGN_LEFT);
  pango_layout_set_text(layout.get(), box.text.c_str(), static_cast<int>(box.text.size()));
  return layout;
}

void TextShaper::measure(TextBox& box) const {
  auto layout = layout_for(box);
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout.get(), &width, &height);
  box.height = pango_units_to_double(height);
  box.lines = pango_layout_get_line_count(layout.get());
}

void TextShaper::draw(cairo_t* cr, const TextBox& box) const {
  auto layout = layout_for(box);
  cairo_move_to(cr, box.x, box.y);
  pango_cairo_show_layout(cr, layout.get());
}

}  // namespace kiosk::receipts::detail
