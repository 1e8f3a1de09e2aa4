#include <future>
#include <memory>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include "base/version.h"
#include "drivers/printer/transport.h"
#include "kiosk/app/app.h"
#include "kiosk/store/private_dir.h"
#include "kiosk/sync/client.h"
#include "kiosk_fonts.h"
#include "platform/signal_watcher.h"
#include "runner.h"

namespace kiosk::app {
namespace {

// FreeType must be able to open a face in it: a wrong file (a PNG, a text file) would
// otherwise fail only later, inside the font atlas, with exit 1 and no key named.
bool is_font(const std::string& path) {
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) != 0) return false;
  FT_Face face = nullptr;
  const bool ok = FT_New_Face(library, path.c_str(), 0, &face) == 0;
  if (face != nullptr) FT_Done_Face(face);
  FT_Done_FreeType(library);
  return ok;
}

}  // namespace

std::expected<void, std::string> check_startup(const Config& config, const std::string& origin) {
  if (config.printer_device != "sim") {
    if (auto endpoint = drivers::printer::parse_uri(config.printer_device); !endpoint) {
      return std::unexpected(
          fmt::format("{}: printer.device: {}", origin, endpoint.error().message));
    }
  }
  const std::string& font = config.display.font_path;
  std::error_code ec;
  if (!font.empty() && std::filesystem::exists(font, ec) && !is_font(font)) {
    return std::unexpected(fmt::format(
        "{}: display.font_path: expected a TrueType or OpenType font file, got \"{}\", which "
        "is not a font (leave it empty for Noto Sans CJK SC)",
        origin, font));
  }
  // The server takes the terminal from the certificate: a terminal.id that differs has every
  // claim refused (403) and quarantined with a body that can no longer change.
  const auto& cert = config.central.cert_file;
  const bool default_cert = cert == config.data_dir / "tls" / "kiosk.pem";
  if (!std::filesystem::exists(cert, ec)) {
    if (default_cert) return {};  // the demo runs without certificates; sync reports it
    return std::unexpected(fmt::format(
        "{}: central.cert_file: expected this terminal's client certificate, but {} does not "
        "exist",
        origin, cert.string()));
  }
  const auto cn = sync::certificate_common_name(cert);
  if (!cn) {
    return std::unexpected(fmt::format(
        "{}: central.cert_file: expected a PEM certificate with a common name (CN), got {}", origin,
        cert.string()));
  }
  if (*cn != config.terminal_id) {
    return std::unexpected(fmt::format(
        "{}: terminal.id: expected \"{}\", the CN of the client certificate {}, got \"{}\"; "
        "the server would refuse every claim: set terminal.id to the certificate's name or "
        "install this terminal's certificate",
        origin, *cn, cert.string(), config.terminal_id));
  }
  return {};
}

int run_kiosk(const CliOptions& options, const Config& config,
              std::chrono::steady_clock::time_point started) {
  spdlog::info("kiosk {} starting: terminal {}, data in {}", base::kVersion, config.terminal_id,
               config.data_dir.string());
  // Before anything is written there: older versions left logs, receipts and snapshots
  // readable by every user of the machine.
  if (auto privacy = store::make_private(config.data_dir); !privacy) {
    spdlog::error("{}", privacy.error().message);
    return kExitConfig;
  } else {
    if (privacy->changed > 0) {
      spdlog::warn("made {} folders and files in {} private to the kiosk user (0700/0600)",
                   privacy->changed, config.data_dir.string());
    }
    for (const auto& problem : privacy->problems) spdlog::warn("{}", problem);
  }
  // Every check of the configuration against files and devices, before the window opens.
  const std::string origin =
      options.config_path ? options.config_path->string() : std::string("the built-in defaults");
  if (auto ok = check_startup(config, origin); !ok) {
    spdlog::error("{}", ok.error());
    return kExitConfig;
  }

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
    return build_kiosk_fonts(*atlas, *font_file, *catalogue, config, ui::BodyCoverage::app_text,
                             4096);
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

  Runner runner(config, options, *window, *catalogue, *font_file, std::move(atlas), *fonts,
                started);
  if (auto started = runner.start(); !started) {
    spdlog::error("{}", started.error());
    return kExitFailure;
  }
  // Services start after the window: their first events wake a loop that can show them.
  // A screenshot run shows the screen as it is at start and needs no device.
  if (!options.screenshot_path) {
    if (auto services = runner.kiosk().start_services(); !services) {
      spdlog::error("{}", services.error());
      return kExitFailure;
    }
  }
  SignalWatcher snapshots([&runner] { runner.request_snapshot(); });
  return runner.run();
}

}  // namespace kiosk::app
