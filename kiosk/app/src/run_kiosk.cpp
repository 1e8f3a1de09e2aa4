#include <future>
#include <memory>

#include <spdlog/spdlog.h>

#include "kiosk/app/app.h"
#include "kiosk_fonts.h"
#include "kiosk_loop.h"
#include "platform/signal_watcher.h"

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

  // The first atlas (the app's own strings) builds while SDL and OpenGL start up: each
  // takes ~100 ms and neither needs the other. No ImGui context exists yet.
  auto atlas = std::make_unique<ImFontAtlas>();
  auto first_fonts = std::async(std::launch::async, [&] {
    return build_kiosk_fonts(*atlas, *font_file, *catalogue, config, ui::BodyCoverage::app_text, 4096);
  });

  WindowOptions window_options;
  window_options.fullscreen = config.display.fullscreen && !options.windowed;
  window_options.width = options.windowed ? options.windowed->width : config.display.width;
  window_options.height = options.windowed ? options.windowed->height : config.display.height;
  window_options.hide_cursor = window_options.fullscreen;
  auto window = Window::open(window_options);
  auto fonts = first_fonts.get();
  if (!fonts) {
    spdlog::error("{}", fonts.error());
    return kExitFailure;
  }
  if (!window) {
    spdlog::error("{}", window.error());
    return kExitNoDisplay;
  }
  spdlog::info("window {}x{} ({})", window->width(), window->height(),
               window_options.fullscreen ? "full screen" : "windowed");

  Services services;
  KioskLoop loop(config, options, *window, services, *catalogue, *font_file, std::move(atlas), *fonts,
                 started);
  if (auto started = loop.start(); !started) {
    spdlog::error("{}", started.error());
    return kExitFailure;
  }
  // Services start after the window: their first events wake a loop that can show them.
  // A screenshot run shows the screen as it is at start and needs no device.
  if (!options.screenshot_path) {
    auto idcard = IdCardDevice::start(config, loop.queue());
    if (!idcard) {
      spdlog::error("{}", idcard.error());
      return kExitFailure;
    }
    services.idcard = std::move(*idcard);
    auto printer = PrinterDevice::start(config);
    if (!printer) {
      spdlog::error("{}", printer.error());
      return kExitFailure;
    }
    services.printer = std::move(*printer);
    auto central = CentralLink::start(config, loop.queue());
    if (!central) {
      spdlog::error("{}", central.error());
      return kExitFailure;
    }
    services.central = std::move(*central);
  }
  SignalWatcher snapshots([&loop] { loop.request_snapshot(); });
  int code = loop.run();
  services = {};  // stop the device threads (they push into the loop's queue) first
  return code;
}

}  // namespace kiosk::app
