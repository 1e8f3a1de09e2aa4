#include "kiosk/core/screens/claim_done.h"

#include "kiosk/core/context.h"
#include "kiosk/core/inputs.h"

namespace kiosk::core::screen {

void handle(ClaimDone&, const ClaimDone::Intent&, Context& context) {
  context.go(Menu{});
}

void react(ClaimDone& screen, const claims::Uploaded& uploaded, Context&) {
  if (uploaded.uuid == screen.uuid) screen.uploaded = true;
}

}  // namespace kiosk::core::screen
