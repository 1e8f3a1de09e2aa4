#include "kiosk_fonts.h"

#include <malloc.h>

#include <chrono>

#include <spdlog/spdlog.h>

namespace kiosk::app {

std::expected<ui::FontSet, std::string> build_kiosk_fonts(
    ImFontAtlas& atlas, const ui::FontFile& file, const ui::Catalogue& catalogue,
    const Config& config, ui::BodyCoverage coverage, int max_texture_px) {
  auto started = std::chrono::steady_clock::now();
  ui::FontSizes sizes;
  sizes.body_px = config.display.body_px;
  sizes.heading_px = config.display.heading_px;
  sizes.display_px = config.display.display_px;
  auto fonts = ui::build_fonts(atlas, file, sizes, catalogue.all_text() + config.center_name,
                               coverage, max_texture_px);
  // FreeType rasterises ~20,000 glyphs through many small allocations; give the freed heap
  // back to the system instead of keeping ~100 MB resident for the life of the terminal.
  malloc_trim(0);
  if (!fonts) return fonts;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  started)
                .count();
  spdlog::info("fonts built from {} ({}): atlas {}x{} in {} ms", file.path(),
               coverage == ui::BodyCoverage::full_cjk ? "full CJK body" : "app strings",
               atlas.TexWidth, atlas.TexHeight, ms);
  return fonts;
}

}  // namespace kiosk::app
