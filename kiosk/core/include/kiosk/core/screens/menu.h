#pragma once
// After a card is read: the person greeted by masked name, and what they can do here. The
// visit's data (member, records) lives in the Visit, not here.
#include <variant>

namespace kiosk::core {
class Context;

namespace screen {
struct Menu {
  static constexpr const char* kName = "menu";
  static constexpr const char* kVoice = "voice.menu";  // spoken when it appears
  enum class Item { records, statement, claim, progress };
  struct Open {
    Item item = Item::records;
  };
  // Ask the central server again after a lookup that failed.
  struct RetryLookup {};
  using Intent = std::variant<Open, RetryLookup>;
};

void handle(Menu& screen, const Menu::Intent& intent, Context& context);
}  // namespace screen
}  // namespace kiosk::core
