#pragma once
// The terminal's configuration: one TOML file (deploy/kiosk.toml documents every key).
// Keys left out take the embedded defaults, which run the demo: simulated devices and
// data under $XDG_DATA_HOME/kiosk.
#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>

#include "kiosk/core/screens/statement_mask.h"
#include "kiosk/core/session_config.h"

namespace kiosk::app {

struct DisplayConfig {
  bool fullscreen = true;
  int width = 1080;  // windowed size; full screen takes the display's
  int height = 1920;
  std::string font_path;  // empty: Noto Sans CJK SC, else WenQuanYi Micro Hei
  int body_px = 36;       // full CJK range: at most 40 to fit a 4096-wide atlas
  int heading_px = 64;
  int display_px = 112;  // the clock on the attract screen
  // The panel's density, for sizes in millimetres (15 mm touch targets). 0: a 21.5-inch
  // panel at the window's size.
  int dpi = 0;
};

struct CentralConfig {
  std::string url = "https://127.0.0.1:8443";
  std::filesystem::path ca_file;    // pinned CA; empty: <data_dir>/tls/ca.pem
  std::filesystem::path cert_file;  // this kiosk's client certificate
  std::filesystem::path key_file;
};

// Voice prompts (kiosk/app/src/services/voice_player.h). Nothing plays in staff mode.
struct VoiceConfig {
  int volume = 80;    // 0 to 100, applied to the samples (0: nothing plays)
  bool mute = false;  // true: no prompt plays and the audio device is never opened
};

// [a4]: the A4 printer beside the receipt printer, for statements.
struct A4Config {
  // "ipp://host:port/path" (or ipps://) or a queue of the local CUPS server; empty: none.
  std::string printer;
};

struct Config {
  std::string terminal_id = "DEMO-0001";
  std::string center_name = "示范区职工服务中心";
  std::filesystem::path data_dir;  // never empty after loading
  core::SessionConfig session;
  DisplayConfig display;
  std::string idcard_port = "sim";     // "sim": the built-in simulator
  std::string printer_device = "sim";  // "sim": the built-in virtual printer
  CentralConfig central;
  A4Config a4;
  // [statement] mask: how the person appears on printed statements (the ID number always
  // masked; the name too unless "id_only").
  core::StatementMask statement_mask = core::StatementMask::name_and_id;
  VoiceConfig voice;
  // [staff] export_dir: where 导出诊断信息 writes (a USB stick's mount point); empty:
  // <data_dir>/diagnostics.
  std::filesystem::path staff_export_dir;

  std::filesystem::path database_path() const { return data_dir / "kiosk.db"; }
};

// A configuration file is refused above this size.
inline constexpr std::uintmax_t kMaxConfigBytes = 1024 * 1024;

// The embedded defaults, with data_dir resolved from the environment.
Config default_config();

// Reads and validates PATH (a regular file of at most kMaxConfigBytes). The error names the
// file, the key and what was expected. What needs other files or devices (certificate, font,
// printer address) is checked at start-up by the program (run_kiosk).
std::expected<Config, std::string> load_config(const std::filesystem::path& path);
// The same from text; `origin` names the source in messages.
std::expected<Config, std::string> parse_config(std::string_view toml_text,
                                                const std::string& origin);

}  // namespace kiosk::app
