#include <spdlog/spdlog.h>

#include "kiosk/app/app.h"
#include "kiosk_loop.h"

namespace kiosk::app {

int run_kiosk(const CliOptions& options, const Config& config,
              std::chrono::steady_clock::time_point started) {
  spdlog::info("kiosk {} starting: terminal {}, data in {}", KIOSK_VERSION, config.terminal_id,
               config.data_dir.string());

  auto catalogue = ui::Catalogue::load(assets_dir() / "i18n");
  if (!catalogue) {
    spdlog::error("{}", catalogue.error());
    return kExitConfig;
  }
  if (auto missing = catalogue->missing_keys(); !missing.empty()) {
    spdlog::warn("string catalogue incomplete: {} keys missing, first {}", missing.size(),
                 missing.front());
  }

  auto font_file = ui::FontFile::find(config.display.font_path);
  if (!font_file) {
    spdlog::error("{}", font_file.error());
    return kExitNoFont;
  }
  if (!config.display.font_path.empty() && font_file->path() != config.display.font_path) {
    spdlog::warn("display.font_path {} cannot be opened; using {}", config.display.font_path,
                 font_file->path());
  }

  WindowOptions window_options;
  window_options.fullscreen = config.display.fullscreen && !options.windowed;
  window_options.width = options.windowed ? options.windowed->width : config.display.width;
  window_options.height = options.windowed ? options.windowed->height : config.display.height;
  window_options.hide_cursor = window_options.fullscreen;
  auto window = Window::open(window_options);
  if (!window) {
    spdlog::error("{}", window.error());
    return kExitNoDisplay;
  }
  spdlog::info("window {}x{} ({})", window->width(), window->height(),
               window_options.fullscreen ? "full screen" : "windowed");

  KioskLoop loop(config, options, *window, *catalogue, *font_file, started);
  if (auto started = loop.start(); !started) {
    spdlog::error("{}", started.error());
    return kExitFailure;
  }
  return loop.run();
}

}  // namespace kiosk::app
