// Background: the log a program writes while it runs, its exit code, SIGTERM and a program
// that ignores it; wait_until's answer at the limit.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "background.h"
#include "temp_dir.h"
#include "wait_until.h"

using namespace kiosk::testing;
using namespace std::chrono_literals;

TEST_CASE("Background writes both outputs to its log and reports the exit code") {
  TempDir dir("kiosk-support-background");
  Background program({"sh", "-c", "echo out; echo err >&2; exit 7"}, {"KIOSK_TEST_BG=seen"},
                     dir.path() / "log");
  REQUIRE(wait_until([&] { return !program.running(); }));
  CHECK(program.stop() == 7);
  CHECK(program.log() == "out\nerr\n");

  Background env({"sh", "-c", "echo $KIOSK_TEST_BG"}, {"KIOSK_TEST_BG=seen"}, dir.path() / "env");
  REQUIRE(wait_until([&] { return !env.running(); }));
  CHECK(env.log() == "seen\n");
}

TEST_CASE("Background stop ends a running program, and one that ignores SIGTERM") {
  TempDir dir("kiosk-support-background-stop");
  Background polite({"sh", "-c", "echo ready; exec sleep 60"}, {}, dir.path() / "polite");
  REQUIRE(wait_until([&] { return polite.log() == "ready\n"; }));
  CHECK(polite.running());
  CHECK(polite.stop() == std::nullopt);  // ended by the signal, not by itself
  CHECK_FALSE(polite.running());

  Background stubborn({"sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done"}, {},
                      dir.path() / "stubborn");
  REQUIRE(wait_until([&] { return stubborn.log() == "ready\n"; }));
  CHECK(stubborn.stop(200ms) == std::nullopt);
  CHECK(stubborn.pid() == -1);
}

TEST_CASE("Background names a program that cannot start") {
  TempDir dir("kiosk-support-background-missing");
  CHECK_THROWS_WITH(Background({"/nonexistent/kiosk-program"}, {}, dir.path() / "log"),
                    Catch::Contains("/nonexistent/kiosk-program"));
}

TEST_CASE("wait_until answers at once when the condition holds, false at the limit") {
  CHECK(wait_until([] { return true; }, 0ms));
  int calls = 0;
  CHECK_FALSE(wait_until([&] { return ++calls < 0; }, 30ms));
  CHECK(calls > 1);
}
