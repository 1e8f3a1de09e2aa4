#pragma once
// Reprint a receipt (补打): by the claim number typed on the number pad, or from the list of
// today's claims. The reprint says 补打 under its title.
#include <string>
#include <variant>

#include "kiosk/core/keypad.h"
#include "kiosk/core/screens/staff_page.h"

namespace kiosk::core::screen {
struct StaffReprint : StaffPage {
  static constexpr const char* kName = "staff_reprint";
  Keypad number{KeypadKind::claim_number};

  struct Key {
    KeypadKey key;
  };
  struct Reprint {
    std::string claim_uuid;  // a row of the list
  };
  struct Back {};
  using Intent = std::variant<Key, Reprint, Back>;
};

void handle(StaffReprint& screen, const StaffReprint::Intent& intent, Context& context);
}  // namespace kiosk::core::screen
