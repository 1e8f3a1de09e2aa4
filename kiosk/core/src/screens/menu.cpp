#include "kiosk/core/screens/menu.h"

#include "kiosk/core/context.h"
#include "kiosk/core/overloaded.h"

namespace kiosk::core::screen {

void handle(Menu&, const Menu::Intent& intent, Context& context) {
  std::visit(overloaded{
                 [&](const Menu::Open& open) {
                   switch (open.item) {
                     case Menu::Item::records: break;
                     case Menu::Item::statement: break;
                     case Menu::Item::claim: break;
                     case Menu::Item::progress: break;
                   }
                 },
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
