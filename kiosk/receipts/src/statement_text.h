#pragma once
// Pango text for the statement: one shaper measures (layout) and draws (PDF) with the same
// context, so a row is drawn exactly as tall as it was measured. Private to kiosk_receipts.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <expected>
#include <memory>
#include <string>

#include "kiosk/receipts/statement.h"
#include "kiosk/receipts/statement_layout.h"

namespace kiosk::receipts::detail {

struct GObjectUnref {
  void operator()(void* object) const;
};
struct FontDescriptionFree {
  void operator()(PangoFontDescription* description) const;
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

class TextShaper {
 public:
  // Fails when fontconfig resolves `family` to a face of another family (not installed).
  static std::expected<TextShaper, StatementError> create(cairo_t* cr, const std::string& family);

  // Sets box.height and box.lines for box.text wrapped in box.width.
  void measure(TextBox& box) const;
  // Paints the box's text at its position.
  void draw(cairo_t* cr, const TextBox& box) const;

 private:
  GPtr<PangoLayout> layout_for(const TextBox& box) const;

  GPtr<PangoContext> m_context;
  std::unique_ptr<PangoFontDescription, FontDescriptionFree> m_font;
};

}  // namespace kiosk::receipts::detail

namespace kiosk::receipts::detail {

// lay_out_statement with a shaper the caller made from its own surface (the PDF's).
std::expected<StatementLayout, StatementError> lay_out(const Statement& statement,
                                                       const StatementOptions& options,
                                                       const TextShaper& shaper);

// A cairo surface that discards its output, for measuring without drawing.
struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

}  // namespace kiosk::receipts::detail
