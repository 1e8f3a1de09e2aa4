#include "kiosk/core/screens/menu.h"

#include "kiosk/core/context.h"
#include "kiosk/core/overloaded.h"

namespace kiosk::core::screen {

void handle(Menu&, const Menu::Intent& intent, Context& context) {
  std::visit(overloaded{
                 [&](const Menu::Open&) {},
                 [&](const Menu::RetryLookup&) {
                   auto& visit = context.visit();
                   if (visit.lookup == Lookup::pending || visit.lookup == Lookup::loaded) return;
                   visit.lookup = Lookup::pending;
                   context.emit(effect::LookUpMember{visit.number});
                 },
             },
             intent);
}

}  // namespace kiosk::core::screen
