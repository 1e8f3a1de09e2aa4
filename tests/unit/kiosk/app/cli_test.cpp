#include <catch2/catch.hpp>

#include "kiosk/app/cli.h"

using namespace kiosk::app;

TEST_CASE("command line", "[cli]") {
  auto options = parse_cli({"--config", "/etc/kiosk.toml", "--windowed", "1920x1080",
                            "--screenshot", "/tmp/a.png", "--frames", "7"});
  REQUIRE(options);
  CHECK(options->config_path == "/etc/kiosk.toml");
  REQUIRE(options->windowed);
  CHECK(options->windowed->width == 1920);
  CHECK(options->windowed->height == 1080);
  CHECK(options->screenshot_path == "/tmp/a.png");
  CHECK(options->frames == 7);
  CHECK(parse_cli({})->frames == 5);
}

TEST_CASE("bad arguments say what is wrong", "[cli]") {
  CHECK(parse_cli({"--fullscreen"}).error() == "unknown argument '--fullscreen'");
  CHECK(parse_cli({"--config"}).error() == "--config needs a value");
  CHECK(parse_cli({"--windowed", "big"}).error().find("WIDTHxHEIGHT") != std::string::npos);
  CHECK_FALSE(parse_cli({"--windowed", "10x10"}));
  CHECK_FALSE(parse_cli({"--frames", "0"}));
  CHECK_FALSE(parse_cli({"--frames", "3x"}));
}

TEST_CASE("the usage text lists the exit codes a supervisor sees", "[cli]") {
  const std::string text = usage_text();
  CHECK(text.find("3 configuration refused") != std::string::npos);
  CHECK(text.find("4 no display") != std::string::npos);
}
