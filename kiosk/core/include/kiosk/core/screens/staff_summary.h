#pragma once
// 日结单: today's claims taken, uploaded and pending, the total estimated benefit, and what
// was printed; shown, and printed on the receipt printer on request.
#include <variant>

#include "kiosk/core/screens/staff_page.h"

namespace kiosk::core::screen {
struct StaffSummary : StaffPage {
  static constexpr const char* kName = "staff_summary";

  struct Print {};
  struct Refresh {};
  struct Back {};
  using Intent = std::variant<Print, Refresh, Back>;
};

void handle(StaffSummary& screen, const StaffSummary::Intent& intent, Context& context);
}  // namespace kiosk::core::screen
