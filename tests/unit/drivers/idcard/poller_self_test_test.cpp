// Poller::request_self_test() (staff's reader self-test) against the simulator over a pty: a
// healthy reader passes with its SAM ID whether or not a card lies on it, a failing SAM, an
// unplugged reader or a missing port fail with a message that says which, and card reads go
// on as before around it.
#include <mutex>
#include <optional>
#include <vector>

#include <catch2/catch.hpp>

#include "drivers/idcard/poller.h"
#include "support.h"  // tests/integration/idcard: the simulator on a fresh pty

using namespace drivers::idcard;
using namespace idcard_test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kSamId = "05.01-123456789-0000000001-0000123456";  // the simulator's

// Every event the poller's thread reported, for counting and picking out by type.
class Reported {
 public:
  void push(PollerEvent e) {
    std::lock_guard lock(m_mutex);
    m_events.push_back(std::move(e));
  }
  template <typename T>
  std::size_t count() {
    std::lock_guard lock(m_mutex);
    std::size_t n = 0;
    for (const auto& e : m_events) n += std::holds_alternative<T>(e) ? 1 : 0;
    return n;
  }
  // The INDEX-th event of type T, once there is one (waits up to wait_until's limit).
  template <typename T>
  std::optional<T> nth(std::size_t index) {
    if (!wait_until([&] { return count<T>() > index; })) return std::nullopt;
    std::lock_guard lock(m_mutex);
    for (auto& e : m_events) {
      if (auto* t = std::get_if<T>(&e); t && index-- == 0) return *t;
    }
    return std::nullopt;
  }
  // Card reads hold personal data: wipe them before the events go.
  ~Reported() {
    for (auto& e : m_events) {
      if (auto* read = std::get_if<poller_event::CardRead>(&e)) read->card.identity.wipe();
    }
  }

 private:
  std::mutex m_mutex;
  std::vector<PollerEvent> m_events;
};

PollerOptions quick(const std::string& path) {
  PollerOptions o;
  o.path = path;
  o.poll_interval = 20ms;
  o.reconnect_interval = 50ms;
  o.reader.timeouts.find = o.reader.timeouts.select = o.reader.timeouts.status = 150ms;
  o.reader.timeouts.sam_id = 150ms;
  o.reader.timeouts.read = 400ms;
  o.reader.timeouts.probe = 100ms;
  return o;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("reader self-test: a healthy reader with no card passes with its SAM ID") {
  auto sim = start_sim("self-test-ok");
  Reported events;
  Poller poller(quick(sim->path()), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  REQUIRE(events.nth<poller_event::ReaderOnline>(0));
  REQUIRE_FALSE(sim->card_present());

  poller.request_self_test();
  auto test = events.nth<poller_event::SelfTest>(0);
  REQUIRE(test);
  CHECK(test->passed);
  CHECK(test->sam_id == kSamId);
  CHECK(test->problem.empty());
  // One request, one answer, however many polls follow; the reader stays as it was.
  const auto before = sim->stats().commands;
  REQUIRE(wait_until([&] { return sim->stats().commands > before + 10; }));
  CHECK(events.count<poller_event::SelfTest>() == 1);
  CHECK(events.count<poller_event::ReaderOnline>() == 1);
  CHECK(events.count<poller_event::ReaderOffline>() == 0);
  CHECK(events.count<poller_event::ReaderFault>() == 0);
  CHECK(events.count<poller_event::CardRead>() == 0);
  CHECK(events.count<poller_event::CardError>() == 0);
}

TEST_CASE("reader self-test: cards read after it, and a card already read is not read again") {
  auto sim = start_sim("self-test-cards");
  Reported events;
  Poller poller(quick(sim->path()), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  REQUIRE(events.nth<poller_event::ReaderOnline>(0));

  poller.request_self_test();
  REQUIRE(events.nth<poller_event::SelfTest>(0));
  sim->put_card(0);
  auto first = events.nth<poller_event::CardRead>(0);
  REQUIRE(first);
  CHECK(first->card.identity.name == "张伟");
  first->card.identity.wipe();

  // The card lies there, already read: a self-test now passes and must not make the reader
  // (or the poller) take it for a new placement.
  poller.request_self_test();
  auto second = events.nth<poller_event::SelfTest>(1);
  REQUIRE(second);
  CHECK(second->passed);
  CHECK(second->sam_id == kSamId);
  const auto before = sim->stats().commands;
  REQUIRE(wait_until([&] { return sim->stats().commands > before + 10; }));
  CHECK(events.count<poller_event::CardRead>() == 1);
  CHECK(events.count<poller_event::CardError>() == 0);
  CHECK(events.count<poller_event::ReaderOnline>() == 1);  // not closed and opened again
  CHECK(events.count<poller_event::ReaderOffline>() == 0);

  sim->lift_card();
  sim->put_card(2);
  auto next = events.nth<poller_event::CardRead>(1);
  REQUIRE(next);
  CHECK(next->card.identity.card_type == CardType::foreign_permanent);
  next->card.identity.wipe();
}

TEST_CASE("reader self-test: asked before the reader is open, it waits for the open and passes") {
  auto sim = start_sim("self-test-early");
  Reported events;
  Poller poller(quick(sim->path()), [&](PollerEvent e) { events.push(std::move(e)); });
  // Staff can ask while the poller is still starting: the answer is about the reader, not
  // about a port the thread has not tried yet.
  poller.request_self_test();
  poller.start();
  auto test = events.nth<poller_event::SelfTest>(0);
  REQUIRE(test);
  CHECK(test->passed);
  CHECK(test->sam_id == kSamId);
  CHECK(test->problem.empty());
}

TEST_CASE("reader self-test: a SAM failing its own self-test fails it with the reader's words") {
  auto sim = start_sim("self-test-sam");
  Reported events;
  Poller poller(quick(sim->path()), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  REQUIRE(events.nth<poller_event::ReaderOnline>(0));

  SimulatorFaults failing;
  failing.self_test_failure = true;  // every command answers 60
  sim->set_faults(failing);
  poller.request_self_test();
  auto test = events.nth<poller_event::SelfTest>(0);
  REQUIRE(test);
  CHECK_FALSE(test->passed);
  CHECK(test->sam_id.empty());
  CHECK(contains(test->problem, "status check failed"));
  CHECK(contains(test->problem, "0x60"));
  CHECK(contains(test->problem, sim->path()));

  // The SAM is well again: the next self-test passes and cards read.
  sim->set_faults({});
  poller.request_self_test();
  auto again = events.nth<poller_event::SelfTest>(1);
  REQUIRE(again);
  CHECK(again->passed);
  CHECK(again->sam_id == kSamId);
  sim->put_card(1);
  auto read = events.nth<poller_event::CardRead>(0);
  REQUIRE(read);
  read->card.identity.wipe();
}

TEST_CASE("reader self-test: a reader whose SAM failed at power-on fails it, never passes") {
  SimulatorFaults failing;
  failing.self_test_failure = true;
  auto sim = start_sim("self-test-dead", failing);
  Reported events;
  Poller poller(quick(sim->path()), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  REQUIRE(events.nth<poller_event::ReaderOffline>(0));
  poller.request_self_test();
  auto test = events.nth<poller_event::SelfTest>(0);
  REQUIRE(test);
  CHECK_FALSE(test->passed);
  CHECK(contains(test->problem, "self-test (0x60)"));
  CHECK(contains(test->problem, "power-cycle the reader"));
}

TEST_CASE("reader self-test: a missing port fails it with offline and the port's path") {
  const auto link = unique_link("self-test-missing");
  Reported events;
  Poller poller(quick(link), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  REQUIRE(events.nth<poller_event::ReaderOffline>(0));
  poller.request_self_test();
  auto test = events.nth<poller_event::SelfTest>(0);
  REQUIRE(test);
  CHECK_FALSE(test->passed);
  CHECK(test->problem.starts_with("offline: "));
  CHECK(contains(test->problem, link));
}

TEST_CASE("reader self-test: an unplugged reader fails it, replugged it passes and reads") {
  auto sim = start_sim("self-test-unplug");
  Reported events;
  Poller poller(quick(sim->path()), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  REQUIRE(events.nth<poller_event::ReaderOnline>(0));
  sim->unplug();
  REQUIRE(events.nth<poller_event::ReaderOffline>(0));
  poller.request_self_test();
  auto test = events.nth<poller_event::SelfTest>(0);
  REQUIRE(test);
  CHECK_FALSE(test->passed);
  CHECK(test->problem.starts_with("offline: "));
  CHECK(contains(test->problem, sim->path()));

  sim->replug();
  REQUIRE(events.nth<poller_event::ReaderOnline>(1));
  poller.request_self_test();
  auto again = events.nth<poller_event::SelfTest>(1);
  REQUIRE(again);
  CHECK(again->passed);
  sim->put_card(3);
  auto read = events.nth<poller_event::CardRead>(0);
  REQUIRE(read);
  read->card.identity.wipe();
}
