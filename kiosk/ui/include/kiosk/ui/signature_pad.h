#pragma once
// The signature pad: a white area a finger writes on, the strokes of a core::Signature drawn
// in it, and a clear button below. It reads the model only; what the finger did this frame
// comes back as a core::SignatureInput for the caller to hand to the session.
#include <optional>
#include <string_view>

#include "kiosk/core/signature.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/ui/layout.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

struct SignaturePadLabels {
  std::string_view clear;
  std::string_view hint;  // shown faintly while the pad is blank, e.g. "请在框内签名"
};

// Draws in AREA: the pad ("<id>/pad") above and the clear button ("<id>/clear") below.
// Returns a point while the finger is down on the pad (clamped to it when it wanders off),
// end_stroke when it lifts, clear when the button is tapped; nothing otherwise.
std::optional<core::SignatureInput> signature_pad(std::string_view id, Rect area,
                                                  const core::Signature& signature,
                                                  const SignaturePadLabels& labels,
                                                  const FontSet& fonts, const Layout& layout,
                                                  ItemRects& rects);

}  // namespace kiosk::ui
