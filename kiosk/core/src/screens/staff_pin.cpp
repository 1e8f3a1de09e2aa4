#include "kiosk/core/screens/staff_pin.h"

#include "kiosk/core/context.h"
#include "kiosk/core/inputs.h"
#include "kiosk/core/overloaded.h"

namespace kiosk::core::screen {

void handle(StaffPin& screen, const StaffPin::Intent& intent, Context& context) {
  std::visit(overloaded{
                 [&](const StaffPin::Key& key) {
                   if (screen.state == StaffPin::State::checking) return;  // one check at a time
                   switch (screen.pin.press(key.key)) {
                     case KeypadResult::confirmed:
                       context.emit(effect::CheckStaffPin{screen.pin.value()});
                       screen.pin.wipe();
                       screen.state = StaffPin::State::checking;
                       break;
                     case KeypadResult::rejected: screen.state = StaffPin::State::too_short; break;
                     case KeypadResult::typed:
                     case KeypadResult::erased:
                     case KeypadResult::cleared:
                       // A lock's message stays until it is tried again: it says how long.
                       if (screen.state != StaffPin::State::locked) {
                         screen.state = StaffPin::State::typing;
                       }
                       break;
                     case KeypadResult::ignored: break;
                   }
                 },
                 [&](const StaffPin::Cancel&) { context.go(Attract{}); },
             },
             intent);
}

void react(StaffPin& screen, const staff::PinChecked& checked, Context& context) {
  screen.pin.wipe();
  switch (checked.verdict) {
    case staff::PinVerdict::accepted: {
      StaffHome home;
      home.who = checked.member;
      context.emit(effect::StaffAction{StaffTask::sign_in, home.who.staff_id, {}, 0});
      context.go(std::move(home));
      return;
    }
    case staff::PinVerdict::wrong:
      screen.state = StaffPin::State::wrong;
      screen.attempts_left = checked.attempts_left;
      return;
    case staff::PinVerdict::locked:
      screen.state = StaffPin::State::locked;
      screen.locked_for = checked.locked_for;
      return;
    case staff::PinVerdict::unavailable: screen.state = StaffPin::State::unavailable; return;
  }
}

}  // namespace kiosk::core::screen
