#pragma once
// The attract screen: waiting for a card. Its own state is the "put the card on again"
// notice after an unreadable card.
#include <optional>

#include "kiosk/core/time_point.h"

namespace kiosk::core {
class Context;
namespace device {
struct CardUnreadable;
}

namespace screen {
struct Attract {
  static constexpr const char* kName = "attract";
  std::optional<TimePoint> notice_until;  // the unreadable-card notice shows until then

  bool card_unreadable_notice() const { return notice_until.has_value(); }

  // Nothing on this screen asks for more than the session-wide intents (touch, language).
  struct Intent {};
};

void handle(Attract& screen, const Attract::Intent& intent, Context& context);
void react(Attract& screen, const device::CardUnreadable& event, Context& context);
std::optional<TimePoint> deadline(const Attract& screen);
void expire(Attract& screen, TimePoint now);
}  // namespace screen
}  // namespace kiosk::core
