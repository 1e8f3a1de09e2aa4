#pragma once
// The attract screen: waiting for a card. Its own state is the notice after a card that was
// refused: unreadable, expired, with a number that fails its check character, or arriving
// while staff have closed the terminal.
#include <optional>
#include <variant>

#include "kiosk/core/time_point.h"

namespace kiosk::core {
class Context;
namespace device {
struct CardUnreadable;
}

namespace screen {
struct Attract {
  static constexpr const char* kName = "attract";
  enum class Notice {
    card_unreadable,  // moved too soon, or not an ID card: put it on again
    card_expired,     // past its validity: renew it, or go to the staff desk
    card_invalid,     // the number fails its check character: go to the staff desk
    out_of_service,   // staff closed the terminal: go to the staff desk
  };
  std::optional<Notice> notice;
  std::optional<TimePoint> notice_until;  // the notice shows until then

  bool card_unreadable_notice() const { return notice == Notice::card_unreadable; }

  // The hidden gesture (a long press in the top-left corner): staff sign-in.
  struct OpenStaff {};
  using Intent = std::variant<OpenStaff>;
};

void handle(Attract& screen, const Attract::Intent& intent, Context& context);
void react(Attract& screen, const device::CardUnreadable& event, Context& context);
// Shows NOTICE for the configured time and says it aloud.
void refuse_card(Attract& screen, Attract::Notice notice, Context& context);
std::optional<TimePoint> deadline(const Attract& screen);
void expire(Attract& screen, TimePoint now);
}  // namespace screen
}  // namespace kiosk::core
