#pragma once
// The devices and the network for staff: the printer's state and paper with a test page, the
// reader's state and last read with a self-test, and whether the server answers, TLS and the
// clock. Each test's result shows on the screen.
#include <variant>

#include "kiosk/core/screens/staff_page.h"

namespace kiosk::core::screen {
struct StaffDevices : StaffPage {
  static constexpr const char* kName = "staff_devices";

  struct TestPage {};
  struct ReaderSelfTest {};
  struct Refresh {};
  struct Back {};
  using Intent = std::variant<TestPage, ReaderSelfTest, Refresh, Back>;
};

void handle(StaffDevices& screen, const StaffDevices::Intent& intent, Context& context);
}  // namespace kiosk::core::screen
