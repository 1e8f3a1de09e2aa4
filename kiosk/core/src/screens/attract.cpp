#include "kiosk/core/screens/attract.h"

#include "kiosk/core/context.h"

namespace kiosk::core::screen {

void handle(Attract&, const Attract::Intent&, Context& context) {
  // OpenStaff is the only intent.
  context.go(StaffPin{});
}

void react(Attract& screen, const device::CardUnreadable&, Context& context) {
  refuse_card(screen, Attract::Notice::card_unreadable, context);
}

void refuse_card(Attract& screen, Attract::Notice notice, Context& context) {
  screen.notice = notice;
  screen.notice_until = context.now() + context.config().notice_duration;
  switch (notice) {
    case Attract::Notice::card_unreadable: context.speak("voice.card_unreadable"); break;
    case Attract::Notice::card_expired: context.speak("voice.card_expired"); break;
    case Attract::Notice::card_invalid: context.speak("voice.card_invalid"); break;
    case Attract::Notice::out_of_service: context.speak("voice.out_of_service"); break;
  }
}

std::optional<TimePoint> deadline(const Attract& screen) {
  return screen.notice_until;
}

void expire(Attract& screen, TimePoint now) {
  if (screen.notice_until && now >= *screen.notice_until) {
    screen.notice_until.reset();
    screen.notice.reset();
  }
}

}  // namespace kiosk::core::screen
