// kiosk: the self-service terminal. See README.md and deploy/kiosk.toml.
#include <sys/stat.h>

#include <cstdio>

#include <fmt/core.h>

#include "base/version.h"
#include "kiosk/app/app.h"
#include "platform/signal_watcher.h"

int main(int argc, char** argv) {
  using namespace kiosk::app;
  const auto started = std::chrono::steady_clock::now();
  // Everything the terminal writes (database, logs, receipts, snapshots) is the kiosk user's
  // alone; run_kiosk also fixes what is already there.
  ::umask(077);
  block_watched_signals();  // before any thread starts
  auto options = parse_cli(std::vector<std::string>(argv + 1, argv + argc));
  if (!options) {
    fmt::print(stderr, "kiosk: {}\n\n{}", options.error(), usage_text());
    return kExitUsage;
  }
  if (options->help) {
    fmt::print("{}", usage_text());
    return kExitOk;
  }
  if (options->version) {
    fmt::print("kiosk {}\n", base::kVersion);
    return kExitOk;
  }

  auto config = options->config_path ? load_config(*options->config_path) : default_config();
  if (!config) {
    fmt::print(stderr, "kiosk: {}\n", config.error());
    return kExitConfig;
  }
  setup_logging(config->data_dir);
  try {
    return run_kiosk(*options, *config, started);
  } catch (const std::exception& e) {
    // Errors are values everywhere below; this only keeps a surprise from being silent.
    fmt::print(stderr, "kiosk: unexpected error: {}\n", e.what());
    return kExitFailure;
  }
}
