#include "kiosk/app/config.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>

#include <fmt/core.h>
#include <toml++/toml.h>

#include "drivers/ipp/target.h"

namespace kiosk::app {
namespace {

std::filesystem::path default_data_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "kiosk";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".local/share/kiosk";
  }
  return std::filesystem::current_path() / "kiosk-data";
}

// https://HOST[:PORT][/PATH]: a host is required, credentials in the address are not taken.
bool is_https_url(std::string_view url) {
  if (!url.starts_with("https://")) return false;
  std::string_view rest = url.substr(8);
  const auto end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (authority.find('@') != std::string_view::npos) return false;
  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(':')) return false;
      port = after.substr(1);
      if (port.empty()) return false;
    }
  } else if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) return false;
  }
  if (host.empty()) return false;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '_';
    if (!ok) return false;
  }
  if (!port.empty()) {
    int number = 0;
    auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (ec != std::errc{} || p != port.data() + port.size() || number < 1 || number > 65535) {
      return false;
    }
  }
  return true;
}

std::string describe_node(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return fmt::format("\"{}\" (text)", *node.value<std::string>());
    case toml::node_type::integer: return fmt::format("{} (whole number)", *node.value<int64_t>());
    case toml::node_type::floating_point:
      return fmt::format("{} (decimal number)", *node.value<double>());
    case toml::node_type::boolean: return *node.value<bool>() ? "true" : "false";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "a list";
    default: return "a date or time";
  }
}

// Reads known keys from the parsed file and remembers which it read, so that every other
// key can be reported as unknown (a misspelt key must not silently fall back to a default).
class Reader {
 public:
  Reader(const toml::table& root, std::string origin) : m_root(root), m_origin(std::move(origin)) {}

  // Each getter leaves `out` unchanged when the key is absent.
  void text(const char* path, std::string& out, bool allow_empty = true) {
    auto node = lookup(path);
    if (!node) return;
    auto value = node->value<std::string>();
    if (!value || (!allow_empty && value->empty())) {
      fail(path, *node, allow_empty ? "text in quotes" : "non-empty text in quotes");
      return;
    }
    out = *value;
  }
  // Text that must pass `valid`; `expected` says what it must look like.
  template <typename Valid>
  void text_matching(const char* path, std::string& out, Valid valid, const char* expected) {
    auto node = lookup(path);
    if (!node) return;
    auto value = node->value<std::string>();
    if (!value || !valid(std::string_view(*value))) {
      fail(path, *node, expected);
      return;
    }
    out = *value;
  }
  void path(const char* key, std::filesystem::path& out) {
    std::string text_value;
    auto node = lookup(key);
    if (!node) return;
    text(key, text_value);
    if (!text_value.empty()) out = text_value;
  }
  void integer(const char* path, int& out, int min, int max, const char* unit) {
    auto node = lookup(path);
    if (!node) return;
    auto value = node->is_integer() ? node->value<int64_t>() : std::nullopt;
    if (!value || *value < min || *value > max) {
      fail(path, *node, fmt::format("a whole number of {} from {} to {}", unit, min, max));
      return;
    }
    out = static_cast<int>(*value);
  }
  void boolean(const char* path, bool& out) {
    auto node = lookup(path);
    if (!node) return;
    auto value = node->value<bool>();
    if (!node->is_boolean() || !value) {
      fail(path, *node, "true or false");
      return;
    }
    out = *value;
  }
  void language(const char* path, core::Language& out) {
    auto node = lookup(path);
    if (!node) return;
    auto value = node->value<std::string>();
    if (value == "zh-CN") {
      out = core::Language::zh_CN;
    } else if (value == "en") {
      out = core::Language::en;
    } else {
      fail(path, *node, "\"zh-CN\" or \"en\"");
    }
  }

  // Reports the first key that no getter asked for.
  void reject_unknown() { walk(m_root, ""); }

  const std::optional<std::string>& error() const { return m_error; }

 private:
  const toml::node* lookup(const char* path) {
    m_known.insert(path);
    return m_root.at_path(path).node();
  }

  void fail(const char* path, const toml::node& node, const std::string& expected) {
    if (m_error) return;
    m_error = fmt::format("{}:{}: {}: expected {}, got {}", m_origin, node.source().begin.line,
                          path, expected, describe_node(node));
  }

  void walk(const toml::table& table, const std::string& prefix) {
    for (const auto& [key, node] : table) {
      std::string path =
          prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
      if (const auto* sub = node.as_table(); sub && !m_known.contains(path)) {
        bool is_section = std::any_of(m_known.begin(), m_known.end(), [&](const std::string& k) {
          return k.starts_with(path + ".");
        });
        if (is_section) {
          walk(*sub, path);
          continue;
        }
      }
      if (!m_known.contains(path) && !m_error) {
        m_error = fmt::format("{}:{}: {}: unknown key (deploy/kiosk.toml lists every key)",
                              m_origin, node.source().begin.line, path);
      }
    }
  }

  const toml::table& m_root;
  std::string m_origin;
  std::set<std::string> m_known;
  std::optional<std::string> m_error;
};

// Certificate paths left empty follow the data folder.
void resolve_paths(Config& config) {
  auto tls = config.data_dir / "tls";
  if (config.central.ca_file.empty()) config.central.ca_file = tls / "ca.pem";
  if (config.central.cert_file.empty()) config.central.cert_file = tls / "kiosk.pem";
  if (config.central.key_file.empty()) config.central.key_file = tls / "kiosk.key";
}

}  // namespace

Config default_config() {
  Config config;
  config.data_dir = default_data_dir();
  resolve_paths(config);
  return config;
}

std::expected<Config, std::string> parse_config(std::string_view toml_text,
                                                const std::string& origin) {
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    return std::unexpected(fmt::format("{}:{}:{}: not valid TOML: {}", origin,
                                       e.source().begin.line, e.source().begin.column,
                                       e.description()));
  }

  Config config;
  config.data_dir = default_data_dir();
  Reader read(root, origin);
  read.text("terminal.id", config.terminal_id, false);
  read.text("terminal.center_name", config.center_name, false);
  read.path("terminal.data_dir", config.data_dir);
  read.language("terminal.language", config.session.default_language);

  int idle_s = static_cast<int>(config.session.idle_timeout.count());
  read.integer("session.idle_timeout_s", idle_s, 15, 3600, "seconds");
  config.session.idle_timeout = std::chrono::seconds(idle_s);
  int large_s = static_cast<int>(config.session.idle_timeout_large.count());
  read.integer("session.idle_timeout_large_s", large_s, 15, 3600, "seconds");
  config.session.idle_timeout_large = std::chrono::seconds(large_s);
  int staff_s = static_cast<int>(config.session.staff_idle_timeout.count());
  read.integer("staff.idle_timeout_s", staff_s, 15, 3600, "seconds");
  config.session.staff_idle_timeout = std::chrono::seconds(staff_s);
  read.path("staff.export_dir", config.staff_export_dir);

  read.boolean("display.fullscreen", config.display.fullscreen);
  read.integer("display.width", config.display.width, 320, 7680, "pixels");
  read.integer("display.height", config.display.height, 320, 7680, "pixels");
  read.text("display.font_path", config.display.font_path);
  read.integer("display.body_px", config.display.body_px, 20, 40, "pixels");
  read.integer("display.heading_px", config.display.heading_px, 24, 160, "pixels");
  read.integer("display.display_px", config.display.display_px, 24, 240, "pixels");
  read.integer("display.dpi", config.display.dpi, 0, 600, "dots per inch (0: a 21.5-inch panel)");

  read.text("idcard.port", config.idcard_port, false);
  read.text("printer.device", config.printer_device, false);

  read.text_matching("central.url", config.central.url, is_https_url,
                     "an https:// address with a host, such as \"https://central.example:8443\"");
  read.path("central.ca_file", config.central.ca_file);
  read.path("central.cert_file", config.central.cert_file);
  read.path("central.key_file", config.central.key_file);

  read.integer("voice.volume", config.voice.volume, 0, 100, "percent");
  read.boolean("voice.mute", config.voice.mute);

  read.text_matching(
      "a4.printer", config.a4.printer,
      [](std::string_view text) { return drivers::ipp::parse_target(text).has_value(); },
      "an IPP printer address such as \"ipp://192.168.1.20:631/ipp/print\" or the name of a "
      "CUPS queue (letters, digits, '_', '-', '.')");
  config.session.a4_printer = !config.a4.printer.empty();
  std::string mask(core::to_string(config.statement_mask));
  read.text_matching(
      "statement.mask", mask,
      [](std::string_view text) { return core::parse_statement_mask(text).has_value(); },
      "\"name_and_id\" (name and ID number masked) or \"id_only\" (full name, ID number "
      "masked)");
  config.statement_mask = *core::parse_statement_mask(mask);

  read.reject_unknown();
  if (read.error()) return std::unexpected(*read.error());
  resolve_paths(config);
  return config;
}

std::expected<Config, std::string> load_config(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return std::unexpected(fmt::format("{}: cannot read the configuration file: {}", path.string(),
                                       std::strerror(errno)));
  }
  // A folder reads as empty text, which would start the demo defaults as if configured.
  if (S_ISDIR(info.st_mode)) {
    return std::unexpected(fmt::format(
        "{}: is a folder, not a configuration file; give the path of the TOML file itself "
        "(deploy/kiosk.toml shows every key)",
        path.string()));
  }
  if (!S_ISREG(info.st_mode)) {
    return std::unexpected(fmt::format(
        "{}: is not a regular file; give the path of the TOML configuration file", path.string()));
  }
  if (static_cast<std::uintmax_t>(info.st_size) > kMaxConfigBytes) {
    return std::unexpected(fmt::format(
        "{}: is {} bytes; a configuration file is at most {} bytes (1 MiB): is this the right "
        "file?",
        path.string(), info.st_size, kMaxConfigBytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(fmt::format("{}: cannot read the configuration file: {}", path.string(),
                                       std::strerror(errno)));
  }
  // Read at most one byte past the cap: the file may have grown since stat().
  std::string text(kMaxConfigBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxConfigBytes) {
    return std::unexpected(
        fmt::format("{}: is larger than {} bytes (1 MiB); a configuration file is smaller",
                    path.string(), kMaxConfigBytes));
  }
  return parse_config(text, path.string());
}

}  // namespace kiosk::app
