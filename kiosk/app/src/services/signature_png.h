#pragma once
// The signature drawn on the screen as a PNG: what the claim's commitment hashes
// (signature_sha256), so the image kept or shown later can be matched to the claim.
#include <string>

#include "kiosk/core/signature.h"

namespace kiosk::app {

// A 1-channel PNG, ink black on white. Empty when encoding fails.
std::string signature_png(const core::SignatureBitmap& bitmap);

}  // namespace kiosk::app
