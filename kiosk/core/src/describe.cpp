// Log lines for the session's inputs and effects. Personal data never appears here:
// a card read is logged by its card type only.
#include <fmt/core.h>

#include "kiosk/core/session.h"
#include "kiosk/core/overloaded.h"

namespace kiosk::core {
namespace {
const char* to_string(CardType type) {
  switch (type) {
    case CardType::resident: return "resident";
    case CardType::hk_mo_tw_permit: return "hk_mo_tw_permit";
    case CardType::foreign_permanent: return "foreign_permanent";
    case CardType::foreign_permanent_2023: return "foreign_permanent_2023";
  }
  return "?";
}
}  // namespace

const char* to_string(State state) {
  switch (state) {
    case State::attract: return "attract";
    case State::identified: return "identified";
  }
  return "?";
}

const char* to_string(Language language) {
  return language == Language::zh_CN ? "zh-CN" : "en";
}

std::string describe(const Input& input) {
  return std::visit(
      overloaded{
          [](const event::CardRead& read) {
            return fmt::format("event card_read type={}", to_string(read.identity.card_type));
          },
          [](const event::CardRemoved&) { return std::string("event card_removed"); },
          [](const event::CardUnreadable&) { return std::string("event card_unreadable"); },
          [](const event::ReaderStatus& status) {
            return fmt::format("event reader {}", status.online ? "online" : "offline");
          },
          [](const event::Tick&) { return std::string("event tick"); },
          [](const event::MemberLoaded& loaded) {
            return fmt::format("event member_loaded visit={} bills={}", loaded.visit, loaded.bills.size());
          },
          [](const event::LookupFailed& failed) {
            return fmt::format("event lookup_failed visit={} class={}{}", failed.visit,
                               failed.error_class, failed.not_a_member ? " not_a_member" : "");
          },
          [](const intent::Touch&) { return std::string("intent touch"); },
          [](const intent::SetLanguage& set) {
            return fmt::format("intent set_language {}", to_string(set.language));
          },
          [](const intent::GoHome&) { return std::string("intent go_home"); },
      },
      input);
}

std::string describe(const Effect& effect) {
  return std::visit(
      overloaded{
          [](const effect::Speak& speak) { return fmt::format("effect speak {}", speak.key); },
          [](const effect::WipePersonalData&) { return std::string("effect wipe_personal_data"); },
          [](const effect::LookUpMember& lookup) {
            return fmt::format("effect look_up_member visit={}", lookup.visit);
          },
      },
      effect);
}

}  // namespace kiosk::core
