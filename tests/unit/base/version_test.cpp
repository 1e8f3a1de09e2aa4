// The version is written once, in project(VERSION ...); the generated header must carry it.
#include <catch2/catch.hpp>

#include <string>

#include "base/version.h"

TEST_CASE("version: the generated header holds CMake's project version") {
  CHECK(std::string(base::kVersion) == KIOSK_PROJECT_VERSION);
  CHECK(std::string(base::kVersion).find('.') != std::string::npos);
}
