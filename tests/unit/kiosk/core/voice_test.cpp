// Voice prompts: every worker step and error says something, once, and only keys of the
// catalogue's [voice] table (kVoiceKeys) are ever asked for. Large text's longer timeout.
#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/core/voice_keys.h"
#include "records_fixture.h"

using namespace kiosk::core;
using namespace kiosk::core::testing;
using namespace std::chrono_literals;

namespace {
// The prompts in EFFECTS, each checked against the list of keys.
std::vector<std::string> spoken(const std::vector<Effect>& effects) {
  std::vector<std::string> keys;
  for (const auto& e : effects) {
    if (const auto* speak = std::get_if<effect::Speak>(&e)) {
      INFO(speak->key);
      CHECK(std::find(kVoiceKeys.begin(), kVoiceKeys.end(), speak->key) != kVoiceKeys.end());
      keys.push_back(speak->key);
    }
  }
  return keys;
}
using Keys = std::vector<std::string>;
}  // namespace

TEST_CASE("each worker screen says its prompt once when it appears", "[voice]") {
  Session session({90s, Language::zh_CN});
  CHECK(spoken(session.handle(person::Touch{}, {})) == Keys{"voice.attract"});
  // The card read's own prompt wins over the menu's.
  CHECK(spoken(session.handle(device::CardRead{records_identity()}, {})) ==
        Keys{"voice.card_read"});
  Member member;
  member.name = Secret("张三丰");
  session.handle(
      server::MemberLoaded{session.visit().number, member, {make_bill("B1", ymd(2026, 3, 4))}, {}},
      {});
  CHECK(spoken(open_item(session, screen::Menu::Item::records)) == Keys{"voice.records"});
  CHECK(spoken(intent<screen::Records>(session, screen::Records::Open{"B1"})) ==
        Keys{"voice.record_detail"});
  CHECK(spoken(session.handle(person::Touch{}, {})).empty());  // a touch says nothing inside
  session.handle(person::GoHome{}, {});
  session.handle(device::CardRead{records_identity()}, {});
  session.handle(
      server::MemberLoaded{session.visit().number, member, {make_bill("B1", ymd(2026, 3, 4))}, {}},
      {});
  CHECK(spoken(open_item(session, screen::Menu::Item::statement)) == Keys{"voice.statement"});
  session.handle(person::GoHome{}, {});
  session.handle(device::CardRead{records_identity()}, {});
  CHECK(spoken(open_item(session, screen::Menu::Item::progress)) == Keys{"voice.progress"});
  CHECK(spoken(session.handle(person::GoHome{}, {})) == Keys{"voice.goodbye"});
}

TEST_CASE("each claim step says its prompt, and a wrong number says so", "[voice]") {
  Session session({90s, Language::zh_CN});
  Member member;
  member.name = Secret("张三丰");
  session.handle(device::CardRead{records_identity()}, {});
  session.handle(
      server::MemberLoaded{session.visit().number, member, {make_bill("B1", ymd(2026, 3, 4))}, {}},
      {});
  CHECK(spoken(open_item(session, screen::Menu::Item::claim)) == Keys{"voice.claim_records"});
  auto next = [&] { return spoken(intent<screen::ClaimForm>(session, screen::ClaimForm::Next{})); };
  // Toggle the record on if the rules left it off, so the form can go on.
  if (session.screen_if<screen::ClaimForm>()->chosen_count() == 0) {
    intent<screen::ClaimForm>(session, screen::ClaimForm::Toggle{0});
  }
  CHECK(next() == Keys{"voice.claim_estimate"});
  CHECK(next() == Keys{"voice.claim_details"});
  intent<screen::ClaimForm>(session,
                            screen::ClaimForm::Edit{screen::ClaimForm::Field::bank_account});
  intent<screen::ClaimForm>(session, screen::ClaimForm::Key{KeypadKey::digit_1});
  CHECK(spoken(intent<screen::ClaimForm>(session, screen::ClaimForm::Key{KeypadKey::confirm})) ==
        Keys{"voice.claim_input_invalid"});
}

TEST_CASE("lookup failures and refused cards each say what to do", "[voice]") {
  auto failing = [](server::LookupFailure failure) {
    Session session({90s, Language::zh_CN});
    session.handle(device::CardRead{records_identity()}, {});
    return spoken(session.handle(server::LookupFailed{session.visit().number, failure}, {}));
  };
  CHECK(failing(server::LookupFailure::unreachable) == Keys{"voice.lookup_failed"});
  CHECK(failing(server::LookupFailure::busy) == Keys{"voice.lookup_busy"});
  CHECK(failing(server::LookupFailure::not_a_member) == Keys{"voice.not_a_member"});

  Session session({90s, Language::zh_CN});
  Identity expired = records_identity();
  expired.expired = true;
  CHECK(spoken(session.handle(device::CardRead{expired}, {})) == Keys{"voice.card_expired"});
  CHECK(spoken(session.handle(device::CardUnreadable{}, {})) == Keys{"voice.card_unreadable"});
  Identity invalid = records_identity();
  invalid.id_number_valid = false;
  CHECK(spoken(session.handle(device::CardRead{invalid}, {})) == Keys{"voice.card_invalid"});
}

TEST_CASE("large text: a longer idle timeout, back to normal when the visit ends", "[voice]") {
  SessionConfig config;
  config.idle_timeout = 90s;
  config.idle_timeout_large = 150s;
  Session session(config);
  const TimePoint t0{};
  session.handle(person::SetTextSize{TextSize::large}, t0);
  CHECK(session.text_size() == TextSize::large);
  session.handle(device::CardRead{records_identity()}, t0);
  CHECK(session.idle_remaining(t0) == 150s);
  session.handle(time::Tick{}, t0 + 100s);
  CHECK(session.screen_if<screen::Menu>());  // a normal visit would have ended at 90 s
  auto ended = session.handle(time::Tick{}, t0 + 150s);
  CHECK(session.screen_if<screen::Attract>());
  CHECK(session.text_size() == TextSize::normal);
  CHECK(spoken(ended) == Keys{"voice.goodbye"});
}

TEST_CASE("large text chosen on the attract screen alone times out back to normal", "[voice]") {
  Session session({90s, Language::zh_CN});
  session.handle(person::SetTextSize{TextSize::large}, {});
  REQUIRE(session.next_deadline());
  session.handle(time::Tick{}, *session.next_deadline());
  CHECK(session.text_size() == TextSize::normal);
}
