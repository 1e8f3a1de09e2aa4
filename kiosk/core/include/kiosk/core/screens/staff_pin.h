#pragma once
// Staff sign-in: reached by a long press in the attract screen's corner. The PIN is typed on
// the number pad (shown as dots), checked by the app against the server's Argon2id hashes,
// and wiped as soon as it is sent. After 5 wrong PINs the check locks for a growing time.
#include <chrono>
#include <variant>

#include "kiosk/core/keypad.h"

namespace kiosk::core {
class Context;
namespace staff {
struct PinChecked;
}

namespace screen {
struct StaffPin {
  static constexpr const char* kName = "staff_pin";
  static constexpr bool kStaff = true;
  enum class State {
    typing,
    too_short,    // confirmed with fewer than 4 digits
    checking,     // sent to the app; the answer takes about half a second
    wrong,        // attempts_left before the lock
    locked,       // locked_for
    unavailable,  // no PIN from the server yet: staff mode cannot open
  };
  Keypad pin{KeypadKind::staff_pin};
  State state = State::typing;
  int attempts_left = 0;
  std::chrono::seconds locked_for{0};

  struct Key {
    KeypadKey key;
  };
  struct Cancel {};
  using Intent = std::variant<Key, Cancel>;
};

void handle(StaffPin& screen, const StaffPin::Intent& intent, Context& context);
void react(StaffPin& screen, const staff::PinChecked& checked, Context& context);
}  // namespace screen
}  // namespace kiosk::core
