#pragma once
// The upload queue for staff: counts, the oldest pending claim's age, the last success and
// error, and each claim's state; a claim the server refused can be sent again (its reason is
// shown). The figures are the app's (ui::StaffView); this screen holds only the result.
#include <string>
#include <variant>

#include "kiosk/core/screens/staff_page.h"

namespace kiosk::core::screen {
struct StaffQueue : StaffPage {
  static constexpr const char* kName = "staff_queue";

  struct Requeue {
    std::string claim_uuid;
  };
  struct Refresh {};
  struct Back {};
  using Intent = std::variant<Requeue, Refresh, Back>;
};

void handle(StaffQueue& screen, const StaffQueue::Intent& intent, Context& context);
}  // namespace kiosk::core::screen
