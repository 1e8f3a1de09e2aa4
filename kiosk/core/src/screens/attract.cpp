#include "kiosk/core/screens/attract.h"

#include "kiosk/core/context.h"

namespace kiosk::core::screen {

void handle(Attract&, const Attract::Intent&, Context&) {}

void react(Attract& screen, const device::CardUnreadable&, Context& context) {
  screen.notice_until = context.now() + context.config().notice_duration;
}

std::optional<TimePoint> deadline(const Attract& screen) { return screen.notice_until; }

void expire(Attract& screen, TimePoint now) {
  if (screen.notice_until && now >= *screen.notice_until) screen.notice_until.reset();
}

}  // namespace kiosk::core::screen
