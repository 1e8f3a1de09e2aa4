#pragma once
// The kiosk's command line.
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::app {

struct WindowSize {
  int width = 0;
  int height = 0;
};

struct CliOptions {
  std::optional<std::filesystem::path> config_path;
  std::optional<WindowSize> windowed;  // --windowed WxH; otherwise full screen
  std::optional<std::filesystem::path> screenshot_path;
  int frames = 5;  // with --screenshot: frames to render before saving the last
  // --ui-map PATH: after each frame whose widgets moved, PATH lists every named widget and
  // where it is ("menu.claim 63 410 1017 650"), for scripts that drive the real window.
  std::optional<std::filesystem::path> ui_map_path;
  bool help = false;
  bool version = false;
};

// Unknown flags and bad values: an error message naming the argument.
std::expected<CliOptions, std::string> parse_cli(const std::vector<std::string>& args);
std::string usage_text();

}  // namespace kiosk::app
