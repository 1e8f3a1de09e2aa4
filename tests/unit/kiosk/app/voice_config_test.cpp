// The [voice] keys of the kiosk's configuration: defaults, values, and a bad value stopping
// the real program with exit 3 and a message naming the file, line and key.
#include <catch2/catch.hpp>

#include <fstream>

#include "kiosk/app/config.h"
#include "process.h"
#include "temp_dir.h"

using kiosk::app::parse_config;
using kiosk::testing::binary_path;
using kiosk::testing::ProcessOptions;
using kiosk::testing::run_process;
using kiosk::testing::TempDir;

TEST_CASE("voice prompts play at volume 80 unless the configuration says otherwise",
          "[config][voice]") {
  auto defaults = parse_config("", "kiosk.toml");
  REQUIRE(defaults);
  CHECK(defaults->voice.volume == 80);
  CHECK_FALSE(defaults->voice.mute);

  auto set = parse_config("[voice]\nvolume = 35\nmute = true\n", "kiosk.toml");
  REQUIRE(set);
  CHECK(set->voice.volume == 35);
  CHECK(set->voice.mute);

  for (int volume : {0, 100}) {
    auto edge = parse_config("[voice]\nvolume = " + std::to_string(volume) + "\n", "kiosk.toml");
    REQUIRE(edge);
    CHECK(edge->voice.volume == volume);
  }
}

TEST_CASE("a bad voice value names the file, the line, the key and what is expected",
          "[config][voice]") {
  auto loud = parse_config("[voice]\nvolume = 101\n", "/etc/kiosk.toml");
  REQUIRE_FALSE(loud);
  CHECK(loud.error() ==
        "/etc/kiosk.toml:2: voice.volume: expected a whole number of percent from 0 to 100, got "
        "101 (whole number)");

  auto decimal = parse_config("[voice]\n\nvolume = 50.5\n", "k.toml");
  REQUIRE_FALSE(decimal);
  CHECK(decimal.error().starts_with("k.toml:3: voice.volume: expected a whole number"));

  auto mute = parse_config("[voice]\nmute = \"yes\"\n", "k.toml");
  REQUIRE_FALSE(mute);
  CHECK(mute.error() == "k.toml:2: voice.mute: expected true or false, got \"yes\" (text)");

  auto misspelt = parse_config("[voice]\nvolumes = 3\n", "k.toml");
  REQUIRE_FALSE(misspelt);
  CHECK(misspelt.error().find("voice.volumes: unknown key") != std::string::npos);
}

TEST_CASE("kiosk exits 3 on a voice volume out of range", "[config][voice]") {
  TempDir dir("kiosk-voice-config");
  const auto file = dir.path() / "kiosk.toml";
  {
    std::ofstream out(file);
    out << "[terminal]\ndata_dir = \"" << (dir.path() / "data").string()
        << "\"\n[voice]\nvolume = -5\n";
  }
  ProcessOptions options;
  options.env["DISPLAY"] = std::nullopt;
  options.env["WAYLAND_DISPLAY"] = std::nullopt;
  options.env["XDG_DATA_HOME"] = dir.path().string();
  options.timeout = std::chrono::seconds(60);
  auto result = run_process({binary_path("kiosk/app/kiosk"), "--config", file.string()}, options);
  CHECK(result.exit_code == 3);
  CHECK(result.err.find(file.string() +
                        ":4: voice.volume: expected a whole number of percent from 0 to 100, "
                        "got -5") != std::string::npos);
}
