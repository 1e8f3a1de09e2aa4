#pragma once
// Staff mode's menu: the upload queue, reprints, the devices and network, the day summary,
// the diagnostics export and the out-of-service switch. Nothing here is spoken aloud.
#include <variant>

#include "kiosk/core/screens/staff_page.h"

namespace kiosk::core::screen {
struct StaffHome : StaffPage {
  static constexpr const char* kName = "staff";
  enum class Page { queue, reprint, devices, summary };

  struct Open {
    Page page = Page::queue;
  };
  struct SetService {
    Service service = Service::open;
  };
  struct Export {};
  struct Leave {};  // back to the attract screen: staff mode closes
  using Intent = std::variant<Open, SetService, Export, Leave>;
};

void handle(StaffHome& screen, const StaffHome::Intent& intent, Context& context);
}  // namespace kiosk::core::screen
