#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

#include "scoped_env.h"

using kiosk::testing::ScopedEnv;

namespace {
std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::optional<std::string>(v) : std::nullopt;
}
}  // namespace

TEST_CASE("ScopedEnv restores a variable that existed") {
  ::setenv("KIOSK_TEST_SCOPED_A", "before", 1);
  {
    ScopedEnv a("KIOSK_TEST_SCOPED_A", "during");
    CHECK(env("KIOSK_TEST_SCOPED_A") == "during");
  }
  CHECK(env("KIOSK_TEST_SCOPED_A") == "before");
  {
    ScopedEnv a("KIOSK_TEST_SCOPED_A", std::nullopt);
    CHECK_FALSE(env("KIOSK_TEST_SCOPED_A"));
  }
  CHECK(env("KIOSK_TEST_SCOPED_A") == "before");
  ::unsetenv("KIOSK_TEST_SCOPED_A");
}

TEST_CASE("ScopedEnv removes again a variable that did not exist, also when a test throws") {
  ::unsetenv("KIOSK_TEST_SCOPED_B");
  {
    ScopedEnv b("KIOSK_TEST_SCOPED_B", "");
    CHECK(env("KIOSK_TEST_SCOPED_B") == "");
  }
  CHECK_FALSE(env("KIOSK_TEST_SCOPED_B"));
  try {
    ScopedEnv b("KIOSK_TEST_SCOPED_B", "x");
    throw std::runtime_error("a failing REQUIRE");
  } catch (const std::runtime_error&) {
  }
  CHECK_FALSE(env("KIOSK_TEST_SCOPED_B"));
}
