#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "kiosk/app/config.h"

using namespace kiosk::app;
using namespace std::chrono_literals;

TEST_CASE("no keys: the embedded defaults run the demo", "[config]") {
  auto config = parse_config("", "kiosk.toml");
  REQUIRE(config);
  CHECK(config->idcard_port == "sim");
  CHECK(config->printer_device == "sim");
  CHECK(config->session.idle_timeout == 90s);
  CHECK(config->central.ca_file == config->data_dir / "tls" / "ca.pem");
}

namespace {
// Sets or removes an environment variable for one scope and puts the old value back.
class EnvGuard {
 public:
  EnvGuard(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    if (value != nullptr) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~EnvGuard() {
    if (m_old) {
      ::setenv(m_name, m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name);
    }
  }

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};
}  // namespace

TEST_CASE("data goes under XDG_DATA_HOME/kiosk", "[config]") {
  {
    EnvGuard xdg("XDG_DATA_HOME", "/tmp/xdg-test");
    CHECK(default_config().data_dir == "/tmp/xdg-test/kiosk");
  }
  EnvGuard xdg("XDG_DATA_HOME", nullptr);
  EnvGuard home("HOME", "/home/worker");
  CHECK(default_config().data_dir == "/home/worker/.local/share/kiosk");
}

TEST_CASE("the sample configuration is valid and says every key", "[config]") {
  auto path = std::filesystem::path(KIOSK_SOURCE_DIR) / "deploy/kiosk.toml";
  auto config = load_config(path);
  INFO((config ? "" : config.error()));
  REQUIRE(config);
  CHECK(config->terminal_id == "DEMO-0001");
}

TEST_CASE("values are read", "[config]") {
  auto config = parse_config(R"(
[terminal]
id = "GZ-0042"
center_name = "广州市职工服务中心"
language = "en"
data_dir = "/var/lib/kiosk"
[session]
idle_timeout_s = 120
[display]
fullscreen = false
width = 1920
height = 1080
[central]
url = "https://central.example:8443"
)",
                             "kiosk.toml");
  REQUIRE(config);
  CHECK(config->terminal_id == "GZ-0042");
  CHECK(config->session.default_language == kiosk::core::Language::en);
  CHECK(config->session.idle_timeout == 120s);
  CHECK_FALSE(config->display.fullscreen);
  CHECK(config->database_path() == "/var/lib/kiosk/kiosk.db");
  CHECK(config->central.key_file == "/var/lib/kiosk/tls/kiosk.key");
}

TEST_CASE("bad values name the file, the line, the key and what is expected", "[config]") {
  auto wrong_type = parse_config("[session]\nidle_timeout_s = \"ninety\"\n", "/etc/kiosk.toml");
  REQUIRE_FALSE(wrong_type);
  CHECK(wrong_type.error() ==
        "/etc/kiosk.toml:2: session.idle_timeout_s: expected a whole number of seconds from 15 "
        "to 3600, got \"ninety\" (text)");

  auto out_of_range = parse_config("[display]\nbody_px = 48\n", "k.toml");
  REQUIRE_FALSE(out_of_range);
  CHECK(out_of_range.error().find(
            "display.body_px: expected a whole number of pixels from 20 to 40, got 48") !=
        std::string::npos);

  auto language = parse_config("[terminal]\nlanguage = \"fr\"\n", "k.toml");
  REQUIRE_FALSE(language);
  CHECK(language.error().find("\"zh-CN\" or \"en\"") != std::string::npos);

  auto boolean = parse_config("[display]\nfullscreen = 1\n", "k.toml");
  REQUIRE_FALSE(boolean);
  CHECK(boolean.error().find("display.fullscreen: expected true or false, got 1") !=
        std::string::npos);

  auto http = parse_config("[central]\nurl = \"http://x\"\n", "k.toml");
  REQUIRE_FALSE(http);
  CHECK(http.error().find("https://") != std::string::npos);
}

TEST_CASE("central.url must be https:// with a host", "[config]") {
  for (const char* bad : {"https://", "https:///api", "https://:8443", "https://user:pw@host",
                          "https://host:", "https://host:99999", "https://host:84x3",
                          "https://[::1", "https://ho st", "http://host"}) {
    INFO(bad);
    auto config = parse_config(std::string("[central]\nurl = \"") + bad + "\"\n", "k.toml");
    REQUIRE_FALSE(config);
    CHECK(config.error().starts_with(
        "k.toml:2: central.url: expected an https:// address with a host"));
  }
  for (const char* good : {"https://central.example", "https://127.0.0.1:8443",
                           "https://[::1]:8443", "https://central.example:443/kiosk"}) {
    INFO(good);
    CHECK(parse_config(std::string("[central]\nurl = \"") + good + "\"\n", "k.toml"));
  }
}

TEST_CASE("a misspelt key is refused, not ignored", "[config]") {
  auto config = parse_config("[session]\nidle_timeout = 30\n", "k.toml");
  REQUIRE_FALSE(config);
  CHECK(config.error() ==
        "k.toml:2: session.idle_timeout: unknown key (deploy/kiosk.toml lists every key)");
  auto section = parse_config("[sesion]\nidle_timeout_s = 30\n", "k.toml");
  REQUIRE_FALSE(section);
  CHECK(section.error().find("sesion: unknown key") != std::string::npos);
}

TEST_CASE("a file that is not TOML", "[config]") {
  auto config = parse_config("this is = = not toml", "k.toml");
  REQUIRE_FALSE(config);
  CHECK(config.error().starts_with("k.toml:1:"));
  CHECK(config.error().find("not valid TOML") != std::string::npos);

  auto missing = load_config("/nonexistent/kiosk.toml");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().starts_with("/nonexistent/kiosk.toml: cannot read"));
}

TEST_CASE("a folder, a device or a huge file is not taken as the configuration", "[config]") {
  auto folder = load_config(std::filesystem::temp_directory_path());
  REQUIRE_FALSE(folder);
  CHECK(folder.error().find("is a folder, not a configuration file") != std::string::npos);
  auto device = load_config("/dev/zero");
  REQUIRE_FALSE(device);
  CHECK(device.error().find("is not a regular file") != std::string::npos);
}
