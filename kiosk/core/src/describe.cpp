// Log lines for the session's inputs and effects. Personal data never appears here:
// a card read is logged by its card type only.
#include <utility>

#include <fmt/core.h>

#include "kiosk/core/overloaded.h"
#include "kiosk/core/session.h"

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

const char* to_string(server::LookupFailure failure) {
  switch (failure) {
    case server::LookupFailure::unreachable: return "unreachable";
    case server::LookupFailure::refused: return "refused";
    case server::LookupFailure::busy: return "busy";
    case server::LookupFailure::not_a_member: return "not_a_member";
  }
  return "?";
}

const char* to_string(printer::Paper paper) {
  switch (paper) {
    case printer::Paper::ok: return "ok";
    case printer::Paper::near_end: return "near_end";
    case printer::Paper::out: return "out";
  }
  return "?";
}

// The screen an intent belongs to: ScreenIntent's alternative i is Screen's alternative i.
const char* screen_of(const ScreenIntent& intent) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    constexpr const char* kNames[] = {std::variant_alternative_t<I, Screen>::kName...};
    return kNames[intent.index()];
  }(std::make_index_sequence<std::variant_size_v<Screen>>{});
}

std::string describe_device(const DeviceInput& input) {
  return std::visit(
      overloaded{
          [](const device::CardRead& read) {
            return fmt::format("device card_read type={}", to_string(read.identity.card_type));
          },
          [](const device::CardRemoved&) { return std::string("device card_removed"); },
          [](const device::CardUnreadable&) { return std::string("device card_unreadable"); },
          [](const device::ReaderStatus& status) {
            return fmt::format("device reader {}",
                               status.reader == device::Reader::online ? "online" : "offline");
          },
      },
      input);
}

std::string describe_server(const ServerInput& input) {
  return std::visit(
      overloaded{
          [](const server::MemberLoaded& loaded) {
            return fmt::format("server member_loaded visit={} bills={} history={}", loaded.visit,
                               loaded.bills.size(), loaded.history.size());
          },
          [](const server::LookupFailed& failed) {
            return fmt::format("server lookup_failed visit={} {} class={}", failed.visit,
                               to_string(failed.failure), to_string(failed.error_class));
          },
      },
      input);
}

std::string describe_person(const PersonInput& input) {
  return std::visit(
      overloaded{
          [](const person::Touch&) { return std::string("person touch"); },
          [](const person::SetLanguage& set) {
            return fmt::format("person set_language {}", to_string(set.language));
          },
          [](const person::GoHome&) { return std::string("person go_home"); },
          [](const ScreenIntent& intent) {
            return fmt::format("person intent on {}", screen_of(intent));
          },
      },
      input);
}

}  // namespace

const char* to_string(Language language) { return language == Language::zh_CN ? "zh-CN" : "en"; }

std::string describe(const Input& input) {
  return std::visit(
      overloaded{
          [](const DeviceInput& device) { return describe_device(device); },
          [](const ServerInput& server) { return describe_server(server); },
          [](const PrinterInput& printer) {
            const auto& status = std::get<printer::Status>(printer);
            return fmt::format("printer {} paper={}{}", status.online ? "online" : "offline",
                               to_string(status.paper), status.cover_open ? " cover_open" : "");
          },
          [](const TimeInput&) { return std::string("time tick"); },
          [](const PersonInput& person) { return describe_person(person); },
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
