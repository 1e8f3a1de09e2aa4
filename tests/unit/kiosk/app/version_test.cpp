// `kiosk --version` and `kioskctl --version` print CMake's project version (base/version.h),
// and need no display or configuration to do it.
#include <catch2/catch.hpp>

#include "process.h"

using kiosk::testing::binary_path;
using kiosk::testing::ProcessOptions;
using kiosk::testing::run_process;

TEST_CASE("version: kiosk and kioskctl print the project version") {
  ProcessOptions options;
  options.env["DISPLAY"] = std::nullopt;
  auto kiosk = run_process({binary_path("kiosk/app/kiosk"), "--version"}, options);
  CHECK(kiosk.exit_code == 0);
  CHECK(kiosk.out == std::string("kiosk ") + KIOSK_PROJECT_VERSION + "\n");
  auto ctl = run_process({binary_path("kiosk/ctl/kioskctl"), "--version"}, options);
  CHECK(ctl.exit_code == 0);
  CHECK(ctl.out == std::string("kioskctl ") + KIOSK_PROJECT_VERSION + "\n");
}
