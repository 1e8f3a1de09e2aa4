#pragma once
// After a card is read: the person greeted by masked name, their settlement records once the
// central server has answered. The visit's data lives in the Visit, not here.
namespace kiosk::core {
class Context;

namespace screen {
struct Identified {
  static constexpr const char* kName = "identified";
  // Only the session-wide intents (home, language) so far.
  struct Intent {};
};

void handle(Identified& screen, const Identified::Intent& intent, Context& context);
}  // namespace screen
}  // namespace kiosk::core
