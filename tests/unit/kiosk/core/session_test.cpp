#include <catch2/catch.hpp>

#include <fmt/core.h>

#include "kiosk/core/session.h"

#include "kiosk/core/context.h"

using namespace kiosk::core;
using namespace std::chrono_literals;

namespace {
Identity sample_identity() {
  Identity identity;
  identity.id_number_valid = true;
  identity.name = Secret("张三丰");
  identity.id_number = Secret("11010519491231002X");
  return identity;
}

template <class T>
bool has_effect(const std::vector<Effect>& effects) {
  for (const auto& e : effects) {
    if (std::holds_alternative<T>(e)) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("a session starts on the attract screen in the default language", "[session]") {
  Session session({90s, Language::zh_CN});
  CHECK(session.screen_if<screen::Attract>());
  CHECK(session.language() == Language::zh_CN);
  CHECK(session.identity() == nullptr);
  CHECK_FALSE(session.next_deadline().has_value());
}

TEST_CASE("a card read identifies the person and asks for a voice prompt", "[session]") {
  Session session({90s, Language::zh_CN});
  TimePoint t0{};
  auto effects = session.handle(device::CardRead{sample_identity()}, t0 + 1s);
  CHECK(session.screen_if<screen::Menu>());
  REQUIRE(session.identity() != nullptr);
  CHECK(session.identity()->name.reveal() == "张三丰");
  CHECK(has_effect<effect::Speak>(effects));
  REQUIRE(session.next_deadline());
  // First the countdown's start (its prompt is spoken then), 20 s before the timeout.
  CHECK(*session.next_deadline() == t0 + 71s);
}

TEST_CASE("idle timeout returns to attract and wipes the identity", "[session]") {
  Session session({60s, Language::zh_CN});
  TimePoint t0{};
  session.handle(device::CardRead{sample_identity()}, t0);
  session.handle(person::Touch{}, t0 + 50s);  // still there: the countdown restarts
  // The countdown shows from 90 s on, and says so once.
  auto warned = session.handle(time::Tick{}, t0 + 100s);
  REQUIRE(warned.size() == 1);
  CHECK(std::get<effect::Speak>(warned[0]).key == "voice.idle_warning");
  CHECK(session.handle(time::Tick{}, t0 + 105s).empty());
  CHECK(session.screen_if<screen::Menu>());
  CHECK(session.idle_remaining(t0 + 100s) == 10s);

  auto effects = session.handle(time::Tick{}, t0 + 110s);
  CHECK(session.screen_if<screen::Attract>());
  CHECK(session.identity() == nullptr);
  CHECK(has_effect<effect::WipePersonalData>(effects));
  CHECK_FALSE(session.next_deadline().has_value());
}

TEST_CASE("going home ends the visit at once", "[session]") {
  Session session({60s, Language::zh_CN});
  session.handle(device::CardRead{sample_identity()}, TimePoint{});
  auto effects = session.handle(person::GoHome{}, TimePoint{} + 5s);
  CHECK(session.screen_if<screen::Attract>());
  CHECK(has_effect<effect::WipePersonalData>(effects));
}

TEST_CASE("lifting the card keeps the visit open", "[session]") {
  Session session({60s, Language::zh_CN});
  session.handle(device::CardRead{sample_identity()}, TimePoint{});
  session.handle(device::CardRemoved{}, TimePoint{} + 5s);
  CHECK(session.screen_if<screen::Menu>());
  CHECK(session.identity() != nullptr);
}

TEST_CASE("a second card replaces the first person's data", "[session]") {
  Session session({60s, Language::zh_CN});
  session.handle(device::CardRead{sample_identity()}, TimePoint{});
  Identity other;
  other.id_number_valid = true;
  other.name = Secret("李四");
  auto effects = session.handle(device::CardRead{std::move(other)}, TimePoint{} + 5s);
  CHECK(has_effect<effect::WipePersonalData>(effects));
  CHECK(session.identity()->name.reveal() == "李四");
}

TEST_CASE("a language chosen on the attract screen times out back to the default", "[session]") {
  Session session({30s, Language::zh_CN});
  TimePoint t0{};
  session.handle(person::SetLanguage{Language::en}, t0);
  CHECK(session.language() == Language::en);
  REQUIRE(session.next_deadline());
  session.handle(time::Tick{}, t0 + 29s);
  CHECK(session.language() == Language::en);
  session.handle(time::Tick{}, t0 + 30s);
  CHECK(session.language() == Language::zh_CN);
}

TEST_CASE("log lines never carry personal data", "[session]") {
  auto line = describe(Input{device::CardRead{sample_identity()}});
  CHECK(line == "device card_read type=resident");
  CHECK(line.find("张") == std::string::npos);
  CHECK(describe(Input{person::SetLanguage{Language::en}}) == "person set_language en");
  CHECK(describe(Effect{effect::WipePersonalData{}}) == "effect wipe_personal_data");
}

TEST_CASE("an unreadable card shows a notice for a while", "[session]") {
  Session session({60s, Language::zh_CN, 6s});
  TimePoint t0{};
  auto effects = session.handle(device::CardUnreadable{}, t0);
  CHECK(session.screen_if<screen::Attract>()->card_unreadable_notice());
  CHECK(has_effect<effect::Speak>(effects));
  REQUIRE(session.next_deadline());
  CHECK(*session.next_deadline() == t0 + 6s);
  session.handle(time::Tick{}, t0 + 6s);
  CHECK_FALSE(session.screen_if<screen::Attract>()->card_unreadable_notice());
  CHECK_FALSE(session.next_deadline());
}

TEST_CASE("reader status is kept for the screens", "[session]") {
  Session session({60s, Language::zh_CN});
  CHECK(session.reader_online());
  session.handle(device::ReaderStatus{device::Reader::offline}, TimePoint{});
  CHECK_FALSE(session.reader_online());
  CHECK(describe(Input{device::ReaderStatus{device::Reader::offline}}) == "device reader offline");
  session.handle(device::ReaderStatus{device::Reader::online}, TimePoint{});
  CHECK(session.reader_online());
}

namespace {
std::uint64_t lookup_visit(const std::vector<Effect>& effects) {
  for (const auto& e : effects) {
    if (const auto* lookup = std::get_if<effect::LookUpMember>(&e)) return lookup->visit;
  }
  return 0;
}
}  // namespace

TEST_CASE("a card read asks the central server for the member and their bills",
          "[session][lookup]") {
  Session session({60s, Language::zh_CN});
  auto visit = lookup_visit(session.handle(device::CardRead{sample_identity()}, TimePoint{}));
  REQUIRE(visit != 0);
  CHECK(session.lookup() == Lookup::pending);

  Member member;
  member.name = Secret("张三丰");
  Bill bill;
  bill.id = "B1";
  bill.cash_paid_fen = 12345;
  session.handle(server::MemberLoaded{visit, std::move(member), {bill}, {}}, TimePoint{} + 1s);
  CHECK(session.lookup() == Lookup::loaded);
  REQUIRE(session.member() != nullptr);
  CHECK(session.member()->name.reveal() == "张三丰");
  REQUIRE(session.bills().size() == 1);
  CHECK(session.bills()[0].cash_paid_fen == 12345);

  session.handle(person::GoHome{}, TimePoint{} + 2s);
  CHECK(session.member() == nullptr);
  CHECK(session.bills().empty());
  CHECK(session.lookup() == Lookup::none);
}

TEST_CASE("an answer for an earlier card is dropped", "[session][lookup]") {
  Session session({60s, Language::zh_CN});
  auto first = lookup_visit(session.handle(device::CardRead{sample_identity()}, TimePoint{}));
  auto second = lookup_visit(session.handle(device::CardRead{sample_identity()}, TimePoint{} + 1s));
  CHECK(second != first);
  Member late;
  late.name = Secret("李四");
  session.handle(server::MemberLoaded{first, std::move(late), {}, {}}, TimePoint{} + 2s);
  CHECK(session.lookup() == Lookup::pending);
  CHECK(session.member() == nullptr);

  session.handle(
      server::LookupFailed{second, server::LookupFailure::unreachable, ErrorClass::network},
      TimePoint{} + 3s);
  CHECK(session.lookup() == Lookup::failed);
  CHECK(describe(Input{server::LookupFailed{second, server::LookupFailure::unreachable,
                                            ErrorClass::network}}) ==
        fmt::format("server lookup_failed visit={} unreachable class=network", second));
}

TEST_CASE("a lookup the server turned away for now says busy, not unreachable",
          "[session][lookup]") {
  Session session({60s, Language::zh_CN});
  auto visit = lookup_visit(session.handle(device::CardRead{sample_identity()}, TimePoint{}));
  session.handle(server::LookupFailed{visit, server::LookupFailure::busy, ErrorClass::busy},
                 TimePoint{} + 1s);
  CHECK(session.lookup() == Lookup::busy);
}

TEST_CASE("a number the server does not know", "[session][lookup]") {
  Session session({60s, Language::zh_CN});
  auto visit = lookup_visit(session.handle(device::CardRead{sample_identity()}, TimePoint{}));
  session.handle(
      server::LookupFailed{visit, server::LookupFailure::not_a_member, ErrorClass::validation},
      TimePoint{} + 1s);
  CHECK(session.lookup() == Lookup::not_a_member);
}

TEST_CASE("every way out of a visit wipes it and every screen's own input", "[session]") {
  const TimePoint t0{};
  auto open_visit = [&](Session& session) {
    session.handle(device::CardRead{sample_identity()}, t0);
    Member member;
    member.name = Secret("张三丰");
    session.handle(server::MemberLoaded{1, std::move(member), {Bill{}}, {PlanHistory{}}}, t0);
    REQUIRE(session.visit().history.size() == 1);
  };
  SECTION("home") {
    Session session({60s, Language::zh_CN});
    open_visit(session);
    CHECK(has_effect<effect::WipePersonalData>(session.handle(person::GoHome{}, t0 + 1s)));
    CHECK_FALSE(session.visit().open());
    CHECK(session.visit().history.empty());
    CHECK(session.bills().empty());
  }
  SECTION("idle") {
    Session session({60s, Language::zh_CN});
    open_visit(session);
    CHECK(has_effect<effect::WipePersonalData>(session.handle(time::Tick{}, t0 + 60s)));
    CHECK_FALSE(session.visit().open());
    CHECK(session.screen_if<screen::Attract>());
  }
  SECTION("a new card") {
    Session session({60s, Language::zh_CN});
    open_visit(session);
    CHECK(has_effect<effect::WipePersonalData>(
        session.handle(device::CardRead{sample_identity()}, t0 + 1s)));
    CHECK(session.visit().history.empty());
    CHECK(session.member() == nullptr);
  }
}

TEST_CASE("an intent drawn for another screen is dropped", "[session]") {
  Session session({60s, Language::zh_CN});
  session.handle(device::CardRead{sample_identity()}, TimePoint{});
  REQUIRE(session.screen_if<screen::Menu>());
  // A tap on the attract screen's frame that arrives after the card was read.
  auto effects = session.handle(PersonInput{ScreenIntent{screen::Attract::Intent{}}}, TimePoint{});
  CHECK(effects.empty());
  CHECK(session.screen_if<screen::Menu>());
  CHECK(describe(Input{PersonInput{ScreenIntent{screen::Attract::Intent{}}}}) ==
        "person intent on attract");
}

TEST_CASE("the idle countdown covers the screen in the last seconds only", "[session]") {
  Session session({60s, Language::zh_CN, 6s, 20s});
  const TimePoint t0{};
  CHECK_FALSE(session.idle_warning(t0));  // nothing to time out on the attract screen
  session.handle(device::CardRead{sample_identity()}, t0);
  CHECK_FALSE(session.idle_warning(t0 + 39s));
  CHECK(session.idle_warning(t0 + 40s));
  session.handle(person::Touch{}, t0 + 45s);  // "continue"
  CHECK_FALSE(session.idle_warning(t0 + 45s));
  CHECK(session.idle_remaining(t0 + 45s) == 60s);
}

TEST_CASE("the printer's state is kept for the screens", "[session]") {
  Session session({60s, Language::zh_CN});
  CHECK(session.printer().paper == printer::Paper::ok);
  printer::Status out{true, printer::Paper::out, false};
  session.handle(out, TimePoint{});
  CHECK(session.printer() == out);
  CHECK(describe(Input{PrinterInput{out}}) == "printer online paper=out");
}

TEST_CASE("an expired card or a bad number is refused and nothing is looked up", "[session]") {
  auto refused = [](auto change, screen::Attract::Notice expected) {
    Session session({60s, Language::zh_CN, 6s});
    Identity identity = sample_identity();
    change(identity);
    auto effects = session.handle(device::CardRead{std::move(identity)}, TimePoint{});
    CHECK_FALSE(has_effect<effect::LookUpMember>(effects));
    CHECK(has_effect<effect::Speak>(effects));
    CHECK_FALSE(session.visit().open());
    const auto* attract = session.screen_if<screen::Attract>();
    REQUIRE(attract);
    CHECK(attract->notice == expected);
    session.handle(time::Tick{}, TimePoint{} + 6s);
    CHECK_FALSE(session.screen_if<screen::Attract>()->notice);
  };
  refused([](Identity& i) { i.expired = true; }, screen::Attract::Notice::card_expired);
  refused([](Identity& i) { i.id_number_valid = false; }, screen::Attract::Notice::card_invalid);
}

TEST_CASE("a refused card ends the visit of whoever was there", "[session]") {
  Session session({60s, Language::zh_CN});
  session.handle(device::CardRead{sample_identity()}, TimePoint{});
  Identity expired = sample_identity();
  expired.expired = true;
  auto effects = session.handle(device::CardRead{std::move(expired)}, TimePoint{} + 1s);
  CHECK(has_effect<effect::WipePersonalData>(effects));
  CHECK(session.screen_if<screen::Attract>());
  CHECK(session.identity() == nullptr);
}

TEST_CASE("a lookup that failed can be asked again from the menu", "[session][lookup]") {
  Session session({60s, Language::zh_CN});
  auto visit = lookup_visit(session.handle(device::CardRead{sample_identity()}, TimePoint{}));
  session.handle(
      server::LookupFailed{visit, server::LookupFailure::unreachable, ErrorClass::network},
      TimePoint{});
  auto retry = session.handle(
      PersonInput{ScreenIntent{screen::Menu::Intent{screen::Menu::RetryLookup{}}}}, TimePoint{});
  CHECK(lookup_visit(retry) == visit);
  CHECK(session.lookup() == Lookup::pending);
  // A second tap while it is pending asks nothing more.
  CHECK(session
            .handle(PersonInput{ScreenIntent{screen::Menu::Intent{screen::Menu::RetryLookup{}}}},
                    TimePoint{})
            .empty());
}
