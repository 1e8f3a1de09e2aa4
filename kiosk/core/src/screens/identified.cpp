#include "kiosk/core/screens/identified.h"

#include "kiosk/core/context.h"

namespace kiosk::core::screen {

void handle(Identified&, const Identified::Intent&, Context&) {}

}  // namespace kiosk::core::screen
