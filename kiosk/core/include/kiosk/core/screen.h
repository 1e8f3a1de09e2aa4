#pragma once
// The list of screens: one alternative per screen, each holding that screen's own input.
// Adding a screen: a header under screens/ (its state, kName, its Intent and handle()), a
// file under kiosk/ui/src/screens/ that draws it, and one line in the list below. A screen
// without handle() fails to compile; one without a drawing fails to link.
#include <variant>

#include "kiosk/core/screens/attract.h"
#include "kiosk/core/screens/claim_done.h"
#include "kiosk/core/screens/claim_form.h"
#include "kiosk/core/screens/menu.h"
#include "kiosk/core/screens/progress.h"
#include "kiosk/core/screens/record_detail.h"
#include "kiosk/core/screens/records.h"
#include "kiosk/core/screens/staff_devices.h"
#include "kiosk/core/screens/staff_home.h"
#include "kiosk/core/screens/staff_pin.h"
#include "kiosk/core/screens/staff_queue.h"
#include "kiosk/core/screens/staff_reprint.h"
#include "kiosk/core/screens/staff_summary.h"
#include "kiosk/core/screens/statement.h"

namespace kiosk::core {

using Screen = std::variant<screen::Attract,       //
                            screen::Menu,          //
                            screen::ClaimForm,     //
                            screen::ClaimDone,     //
                            screen::Statement,     //
                            screen::Records,       //
                            screen::RecordDetail,  //
                            screen::Progress,      //
                            screen::StaffPin,      //
                            screen::StaffHome,     //
                            screen::StaffQueue,    //
                            screen::StaffReprint,  //
                            screen::StaffDevices,  //
                            screen::StaffSummary>;

namespace detail {
template <class>
struct IntentsOf;
template <class... Screens>
struct IntentsOf<std::variant<Screens...>> {
  using type = std::variant<typename Screens::Intent...>;
};
}  // namespace detail

// What the person asked for on one screen: alternative i belongs to Screen's alternative i.
// An intent for a screen no longer showing (a tap drawn in the frame before a change) is
// dropped.
using ScreenIntent = detail::IntentsOf<Screen>::type;

// The name of the current screen, for the log and tests ("attract").
inline const char* screen_name(const Screen& screen) {
  return std::visit([](const auto& s) { return std::decay_t<decltype(s)>::kName; }, screen);
}

// Staff mode's screens: nothing is spoken there, a card on the reader is ignored, and they
// have their own idle timeout.
inline bool is_staff(const Screen& screen) {
  return std::visit(
      [](const auto& s) {
        return requires {
          std::decay_t<decltype(s)>::kStaff;
        };
      },
      screen);
}

}  // namespace kiosk::core
