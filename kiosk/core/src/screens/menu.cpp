#include "kiosk/core/screens/menu.h"

#include "kiosk/core/context.h"
#include "kiosk/core/overloaded.h"

namespace kiosk::core::screen {

void handle(Menu&, const Menu::Intent& intent, Context& context) {
  std::visit(overloaded{
                 [&](const Menu::Open& open) {
                   switch (open.item) {
                     case Menu::Item::records:
                       context.go(Records{});
                       context.emit(effect::LoadClaims{context.visit().number});  // claimed marks
                       break;
                     case Menu::Item::statement: context.go(Statement{}); break;
                     case Menu::Item::claim:
                       context.go(start_claim(context.visit(), context.rules()));
                       break;
                     case Menu::Item::progress:
                       context.go(Progress{});
                       context.emit(effect::LoadClaims{context.visit().number});
                       break;
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
