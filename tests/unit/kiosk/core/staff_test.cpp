// Staff mode in the session: the hidden gesture, the PIN and its lock, the tasks and their
// answers, silence, its own idle timeout, and the out-of-service switch.
#include <catch2/catch.hpp>

#include "kiosk/core/session.h"

using namespace kiosk::core;
using namespace std::chrono_literals;

namespace {
const TimePoint t0{};

template <class T>
const T* find_effect(const std::vector<Effect>& effects) {
  for (const auto& e : effects) {
    if (const auto* found = std::get_if<T>(&e)) return found;
  }
  return nullptr;
}

template <class Intent>
std::vector<Effect> tap(Session& session, Intent intent, TimePoint at = t0) {
  return session.handle(PersonInput{ScreenIntent{std::move(intent)}}, at);
}

void type_pin(Session& session, std::string_view digits) {
  for (char c : digits) {
    tap(session, screen::StaffPin::Intent{screen::StaffPin::Key{*digit_key(c - '0')}});
  }
}

Identity valid_identity() {
  Identity identity;
  identity.id_number_valid = true;
  identity.name = Secret("张三丰");
  identity.id_number = Secret("11010519491231002X");
  return identity;
}

// Signs staff member S001 in and returns the session on the staff menu.
Session signed_in() {
  Session session({90s, Language::zh_CN});
  tap(session, screen::Attract::Intent{screen::Attract::OpenStaff{}});
  type_pin(session, "246810");
  tap(session, screen::StaffPin::Intent{screen::StaffPin::Key{KeypadKey::confirm}});
  session.handle(staff::PinChecked{staff::PinVerdict::accepted, {"S001"}, 0, 0s}, t0);
  return session;
}
}  // namespace

TEST_CASE("the hidden gesture opens the PIN screen, and the PIN goes out once, then is wiped",
          "[staff]") {
  Session session({90s, Language::zh_CN});
  tap(session, screen::Attract::Intent{screen::Attract::OpenStaff{}});
  REQUIRE(session.screen_if<screen::StaffPin>());
  type_pin(session, "2468");
  CHECK(session.screen_if<screen::StaffPin>()->pin.display() == "****");
  type_pin(session, "10");
  auto effects = tap(session, screen::StaffPin::Intent{screen::StaffPin::Key{KeypadKey::confirm}});
  const auto* check = find_effect<effect::CheckStaffPin>(effects);
  REQUIRE(check);
  CHECK(check->pin.reveal() == "246810");
  CHECK(describe(effects.front()) == "effect check_staff_pin");  // never the PIN
  const auto* pin = session.screen_if<screen::StaffPin>();
  CHECK(pin->pin.empty());
  CHECK(pin->state == screen::StaffPin::State::checking);
  // Keys while the check runs do nothing: one check at a time.
  type_pin(session, "1");
  CHECK(session.screen_if<screen::StaffPin>()->pin.empty());
  CHECK_FALSE(find_effect<effect::Speak>(effects));
}

TEST_CASE("a short PIN is refused on the screen without a check", "[staff]") {
  Session session({90s, Language::zh_CN});
  tap(session, screen::Attract::Intent{screen::Attract::OpenStaff{}});
  type_pin(session, "12");
  auto effects = tap(session, screen::StaffPin::Intent{screen::StaffPin::Key{KeypadKey::confirm}});
  CHECK_FALSE(find_effect<effect::CheckStaffPin>(effects));
  CHECK(session.screen_if<screen::StaffPin>()->state == screen::StaffPin::State::too_short);
}

TEST_CASE("wrong, locked and unavailable answers stay on the PIN screen and say so", "[staff]") {
  Session session({90s, Language::zh_CN});
  tap(session, screen::Attract::Intent{screen::Attract::OpenStaff{}});
  session.handle(staff::PinChecked{staff::PinVerdict::wrong, {}, 3, 0s}, t0);
  auto* pin = session.screen_if<screen::StaffPin>();
  REQUIRE(pin);
  CHECK(pin->state == screen::StaffPin::State::wrong);
  CHECK(pin->attempts_left == 3);
  session.handle(staff::PinChecked{staff::PinVerdict::locked, {}, 0, 300s}, t0);
  pin = session.screen_if<screen::StaffPin>();
  CHECK(pin->state == screen::StaffPin::State::locked);
  CHECK(pin->locked_for == 300s);
  // Typing again keeps the lock's message up: it says how long.
  type_pin(session, "1");
  CHECK(session.screen_if<screen::StaffPin>()->state == screen::StaffPin::State::locked);
  session.handle(staff::PinChecked{staff::PinVerdict::unavailable, {}, 0, 0s}, t0);
  CHECK(session.screen_if<screen::StaffPin>()->state == screen::StaffPin::State::unavailable);
  tap(session, screen::StaffPin::Intent{screen::StaffPin::Cancel{}});
  CHECK(session.screen_if<screen::Attract>());
}

TEST_CASE("an accepted PIN opens the staff menu and audits the sign-in", "[staff]") {
  Session session({90s, Language::zh_CN});
  tap(session, screen::Attract::Intent{screen::Attract::OpenStaff{}});
  auto effects =
      session.handle(staff::PinChecked{staff::PinVerdict::accepted, {"S001"}, 0, 0s}, t0);
  const auto* home = session.screen_if<screen::StaffHome>();
  REQUIRE(home);
  CHECK(home->who.staff_id == "S001");
  const auto* action = find_effect<effect::StaffAction>(effects);
  REQUIRE(action);
  CHECK(action->task == StaffTask::sign_in);
  CHECK(action->staff_id == "S001");
  CHECK(is_staff(session.screen()));
}

TEST_CASE("staff pages ask for their tasks with the staff id and show the answers", "[staff]") {
  Session session = signed_in();
  auto opened = tap(
      session, screen::StaffHome::Intent{screen::StaffHome::Open{screen::StaffHome::Page::queue}});
  REQUIRE(session.screen_if<screen::StaffQueue>());
  REQUIRE(find_effect<effect::StaffAction>(opened));
  CHECK(find_effect<effect::StaffAction>(opened)->task == StaffTask::refresh);

  auto requeued = tap(session, screen::StaffQueue::Intent{screen::StaffQueue::Requeue{"uuid-1"}});
  const auto* requeue = find_effect<effect::StaffAction>(requeued);
  REQUIRE(requeue);
  CHECK(requeue->task == StaffTask::requeue);
  CHECK(requeue->claim_uuid == "uuid-1");
  CHECK(requeue->staff_id == "S001");
  CHECK(session.screen_if<screen::StaffQueue>()->busy);
  session.handle(staff::TaskDone{StaffTask::requeue, TaskOutcome::done, "12"}, t0);
  const auto* queue = session.screen_if<screen::StaffQueue>();
  CHECK_FALSE(queue->busy);
  REQUIRE(queue->last);
  CHECK(queue->last->task == StaffTask::requeue);
  CHECK(queue->last->detail == "12");

  tap(session, screen::StaffQueue::Intent{screen::StaffQueue::Back{}});
  REQUIRE(session.screen_if<screen::StaffHome>());
  CHECK(session.screen_if<screen::StaffHome>()->who.staff_id == "S001");
}

TEST_CASE("a reprint goes by the typed claim number or by the row's uuid", "[staff]") {
  Session session = signed_in();
  tap(session,
      screen::StaffHome::Intent{screen::StaffHome::Open{screen::StaffHome::Page::reprint}});
  REQUIRE(session.screen_if<screen::StaffReprint>());
  for (char c : std::string("42")) {
    tap(session, screen::StaffReprint::Intent{screen::StaffReprint::Key{*digit_key(c - '0')}});
  }
  CHECK(session.screen_if<screen::StaffReprint>()->number.display() == "42");
  auto typed =
      tap(session, screen::StaffReprint::Intent{screen::StaffReprint::Key{KeypadKey::confirm}});
  const auto* by_number = find_effect<effect::StaffAction>(typed);
  REQUIRE(by_number);
  CHECK(by_number->task == StaffTask::reprint);
  CHECK(by_number->claim_number == 42);
  CHECK(session.screen_if<screen::StaffReprint>()->number.empty());
  session.handle(staff::TaskDone{StaffTask::reprint, TaskOutcome::not_found, "42"}, t0);
  CHECK(session.screen_if<screen::StaffReprint>()->last->outcome == TaskOutcome::not_found);

  auto listed = tap(session, screen::StaffReprint::Intent{screen::StaffReprint::Reprint{"u-7"}});
  REQUIRE(find_effect<effect::StaffAction>(listed));
  CHECK(find_effect<effect::StaffAction>(listed)->claim_uuid == "u-7");
  // An empty number is not sent.
  auto empty =
      tap(session, screen::StaffReprint::Intent{screen::StaffReprint::Key{KeypadKey::confirm}});
  CHECK_FALSE(find_effect<effect::StaffAction>(empty));
}

TEST_CASE("devices and day summary pages run their tests and print", "[staff]") {
  Session session = signed_in();
  tap(session,
      screen::StaffHome::Intent{screen::StaffHome::Open{screen::StaffHome::Page::devices}});
  auto page = tap(session, screen::StaffDevices::Intent{screen::StaffDevices::TestPage{}});
  CHECK(find_effect<effect::StaffAction>(page)->task == StaffTask::printer_test_page);
  auto self = tap(session, screen::StaffDevices::Intent{screen::StaffDevices::ReaderSelfTest{}});
  CHECK(find_effect<effect::StaffAction>(self)->task == StaffTask::reader_self_test);
  session.handle(staff::TaskDone{StaffTask::reader_self_test, TaskOutcome::failed, "no answer"},
                 t0);
  CHECK(session.screen_if<screen::StaffDevices>()->last->detail == "no answer");
  tap(session, screen::StaffDevices::Intent{screen::StaffDevices::Back{}});
  tap(session,
      screen::StaffHome::Intent{screen::StaffHome::Open{screen::StaffHome::Page::summary}});
  auto print = tap(session, screen::StaffSummary::Intent{screen::StaffSummary::Print{}});
  CHECK(find_effect<effect::StaffAction>(print)->task == StaffTask::print_day_summary);
}

TEST_CASE("staff mode is silent and ignores cards", "[staff]") {
  Session session = signed_in();
  auto effects = session.handle(device::CardRead{valid_identity()}, t0);
  CHECK(session.screen_if<screen::StaffHome>());
  CHECK(effects.empty());
  CHECK(session.identity() == nullptr);
  auto opened =
      tap(session,
          screen::StaffHome::Intent{screen::StaffHome::Open{screen::StaffHome::Page::summary}});
  CHECK_FALSE(find_effect<effect::Speak>(opened));
}

TEST_CASE("staff mode closes after its own idle timeout and audits the sign-out", "[staff]") {
  SessionConfig config;
  config.idle_timeout = 30s;
  config.staff_idle_timeout = 120s;
  Session session(config);
  tap(session, screen::Attract::Intent{screen::Attract::OpenStaff{}});
  session.handle(staff::PinChecked{staff::PinVerdict::accepted, {"S001"}, 0, 0s}, t0);
  CHECK(session.handle(time::Tick{}, t0 + 60s).empty());
  CHECK(session.screen_if<screen::StaffHome>());
  CHECK(session.idle_warning(t0 + 101s));
  auto effects = session.handle(time::Tick{}, t0 + 120s);
  CHECK(session.screen_if<screen::Attract>());
  const auto* out = find_effect<effect::StaffAction>(effects);
  REQUIRE(out);
  CHECK(out->task == StaffTask::sign_out);
  CHECK(out->staff_id == "S001");
  CHECK_FALSE(find_effect<effect::Speak>(effects));
}

TEST_CASE("leaving staff mode audits the sign-out once", "[staff]") {
  Session session = signed_in();
  tap(session,
      screen::StaffHome::Intent{screen::StaffHome::Open{screen::StaffHome::Page::devices}});
  auto back = tap(session, screen::StaffDevices::Intent{screen::StaffDevices::Back{}});
  CHECK_FALSE(find_effect<effect::StaffAction>(back));  // still in staff mode
  auto left = tap(session, screen::StaffHome::Intent{screen::StaffHome::Leave{}});
  CHECK(session.screen_if<screen::Attract>());
  REQUIRE(find_effect<effect::StaffAction>(left));
  CHECK(find_effect<effect::StaffAction>(left)->task == StaffTask::sign_out);
}

TEST_CASE("out of service: the switch asks the app, and the terminal turns cards away", "[staff]") {
  Session session = signed_in();
  auto closing =
      tap(session, screen::StaffHome::Intent{screen::StaffHome::SetService{Service::closed}});
  CHECK(find_effect<effect::StaffAction>(closing)->task == StaffTask::close_terminal);
  CHECK_FALSE(session.out_of_service());  // the app keeps the state and says when it is kept
  session.handle(staff::ServiceState{Service::closed}, t0);
  CHECK(session.out_of_service());
  tap(session, screen::StaffHome::Intent{screen::StaffHome::Leave{}});

  auto effects = session.handle(device::CardRead{valid_identity()}, t0 + 1s);
  const auto* attract = session.screen_if<screen::Attract>();
  REQUIRE(attract);
  CHECK(attract->notice == screen::Attract::Notice::out_of_service);
  CHECK_FALSE(find_effect<effect::LookUpMember>(effects));
  CHECK(session.identity() == nullptr);
  REQUIRE(find_effect<effect::Speak>(effects));
  CHECK(find_effect<effect::Speak>(effects)->key == "voice.out_of_service");

  // Staff can still sign in and open it again.
  tap(session, screen::Attract::Intent{screen::Attract::OpenStaff{}});
  CHECK(session.screen_if<screen::StaffPin>());
  session.handle(staff::ServiceState{Service::open}, t0);
  CHECK_FALSE(session.out_of_service());
}
