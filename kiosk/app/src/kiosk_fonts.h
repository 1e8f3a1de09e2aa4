#pragma once
// The kiosk's fonts from its configuration and string catalogue (see ui/fonts.h).
#include <expected>
#include <string>

#include "kiosk/app/config.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/ui/strings.h"

namespace kiosk::app {

// Builds ATLAS with the configured sizes, covering the catalogue and the centre's name.
// Safe to run on another thread while no ImGui context uses ATLAS. Logs the time taken.
std::expected<ui::FontSet, std::string> build_kiosk_fonts(ImFontAtlas& atlas,
                                                          const ui::FontFile& file,
                                                          const ui::Catalogue& catalogue,
                                                          const Config& config,
                                                          ui::BodyCoverage coverage,
                                                          int max_texture_px);

}  // namespace kiosk::app
