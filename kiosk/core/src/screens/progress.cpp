#include "kiosk/core/screens/progress.h"

#include "kiosk/core/context.h"
#include "kiosk/core/inputs.h"
#include "kiosk/core/overloaded.h"

namespace kiosk::core::screen {

void handle(Progress& screen, const Progress::Intent& intent, Context& context) {
  std::visit(overloaded{
                 [&](const Progress::Back&) { context.go(Menu{}); },
                 [&](const Progress::Retry&) {
                   if (screen.claims.state != PersonClaims::State::failed) return;
                   screen.claims.state = PersonClaims::State::loading;
                   context.emit(effect::LoadClaims{context.visit().number});
                 },
             },
             intent);
}

void react(Progress& screen, const claims::Listed& listed, Context& context) {
  screen.claims.take(listed, context.visit().number);
}

}  // namespace kiosk::core::screen
