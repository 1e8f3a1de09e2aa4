#pragma once
// The reader's decoded card as the domain's Identity. The only place that knows both types.
#include "drivers/idcard/identity.h"
#include "kiosk/core/identity.h"

namespace kiosk::app {

// Copies CARD into an Identity, then wipes CARD's personal strings.
core::Identity identity_from_card(drivers::idcard::Identity& card, const drivers::idcard::Date& today);

}  // namespace kiosk::app
