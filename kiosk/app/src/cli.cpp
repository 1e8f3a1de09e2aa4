#include "kiosk/app/cli.h"

#include <charconv>

#include <fmt/core.h>

namespace kiosk::app {
namespace {

std::optional<int> parse_int(std::string_view text, int min, int max) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

std::optional<WindowSize> parse_size(std::string_view text) {
  auto x = text.find('x');
  if (x == std::string_view::npos) return std::nullopt;
  auto w = parse_int(text.substr(0, x), 320, 7680);
  auto h = parse_int(text.substr(x + 1), 320, 7680);
  if (!w || !h) return std::nullopt;
  return WindowSize{*w, *h};
}

}  // namespace

std::string usage_text() {
  return "usage: kiosk [--config PATH] [--windowed WxH] [--screenshot PATH [--frames N]]\n"
         "             [--ui-map PATH]\n"
         "\n"
         "  --config PATH      configuration file (TOML; see deploy/kiosk.toml). Without it the\n"
         "                     embedded defaults run the demo with simulated devices.\n"
         "  --windowed WxH     a window of W by H pixels instead of full screen\n"
         "                     (1080x1920 portrait, 1920x1080 landscape)\n"
         "  --screenshot PATH  render N frames, save the last as PNG and exit\n"
         "  --frames N         frames to render for --screenshot (1-1000, default 5)\n"
         "  --ui-map PATH      keep PATH listing each named widget and its rectangle, for\n"
         "                     scripts that drive the window (tests, demos)\n"
         "  --version          print the version and exit\n"
         "  --help             this text\n"
         "\n"
         "exit codes: 0 stopped cleanly, 1 failure, 2 bad arguments, 3 configuration refused\n"
         "(the message names the file, the key and what is expected; checked before the window\n"
         "opens), 4 no display, 5 no Chinese font.\n";
}

std::expected<CliOptions, std::string> parse_cli(const std::vector<std::string>& args) {
  CliOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](const char* name) -> std::expected<std::string, std::string> {
      if (i + 1 >= args.size()) return std::unexpected(fmt::format("{} needs a value", name));
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--version") {
      options.version = true;
    } else if (arg == "--config") {
      auto path = value("--config");
      if (!path) return std::unexpected(path.error());
      options.config_path = *path;
    } else if (arg == "--windowed") {
      auto text = value("--windowed");
      if (!text) return std::unexpected(text.error());
      auto size = parse_size(*text);
      if (!size) {
        return std::unexpected(fmt::format(
            "--windowed expects WIDTHxHEIGHT in pixels from 320 to 7680, e.g. 1080x1920; got '{}'",
            *text));
      }
      options.windowed = size;
    } else if (arg == "--screenshot") {
      auto path = value("--screenshot");
      if (!path) return std::unexpected(path.error());
      options.screenshot_path = *path;
    } else if (arg == "--ui-map") {
      auto path = value("--ui-map");
      if (!path) return std::unexpected(path.error());
      options.ui_map_path = *path;
    } else if (arg == "--frames") {
      auto text = value("--frames");
      if (!text) return std::unexpected(text.error());
      auto frames = parse_int(*text, 1, 1000);
      if (!frames) {
        return std::unexpected(
            fmt::format("--frames expects a whole number from 1 to 1000; got '{}'", *text));
      }
      options.frames = *frames;
    } else {
      return std::unexpected(fmt::format("unknown argument '{}'", arg));
    }
  }
  return options;
}

}  // namespace kiosk::app
