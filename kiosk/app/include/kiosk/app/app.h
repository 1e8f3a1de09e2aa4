#pragma once
// Runs the kiosk: window, screens, session and the event-driven loop, until SIGTERM/SIGINT
// or, with --screenshot, until the picture is saved. Returns the process exit code.
#include <chrono>
#include <expected>
#include <string>

#include "kiosk/app/cli.h"
#include "kiosk/app/config.h"

namespace kiosk::app {

// Exit codes a supervisor (systemd) and the tests can tell apart.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitConfig = 3;
inline constexpr int kExitNoDisplay = 4;
inline constexpr int kExitNoFont = 5;

// STARTED is when main() began, for the start-up time in the log.
int run_kiosk(const CliOptions& options, const Config& config,
              std::chrono::steady_clock::time_point started);

// The checks of the configuration that need files (the client certificate's CN must equal
// terminal.id, display.font_path must be a font) or a driver's syntax (printer.device).
// ORIGIN names the configuration in the message, which says the key and what is expected.
std::expected<void, std::string> check_startup(const Config& config, const std::string& origin);

// Where assets/ is: $KIOSK_ASSETS_DIR, the source tree (development), or the installed copy.
std::filesystem::path assets_dir();

// spdlog to stderr and to <data_dir>/logs/kiosk.log (rotating). Never personal data.
void setup_logging(const std::filesystem::path& data_dir);

}  // namespace kiosk::app
