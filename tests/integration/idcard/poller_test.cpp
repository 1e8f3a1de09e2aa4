// The poller thread against the simulator: one report per card placement, faults, recovery,
// unplug and reconnect.
#include <condition_variable>
#include <deque>
#include <mutex>

#include <catch2/catch.hpp>

#include "drivers/idcard/poller.h"
#include "support.h"

using namespace drivers::idcard;
using namespace idcard_test;
using namespace std::chrono_literals;

namespace {

// What the app's event queue does: collect events from the poller's thread, wake the waiter.
class Events {
 public:
  void push(PollerEvent e) {
    std::lock_guard lock(m_mutex);
    m_events.push_back(std::move(e));
    m_cv.notify_all();
  }
  // Waits for the next event of type T (skipping others); nothing on timeout.
  template <typename T>
  std::optional<T> wait_for(std::chrono::milliseconds timeout = 10000ms) {
    std::unique_lock lock(m_mutex);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      while (!m_events.empty()) {
        auto e = std::move(m_events.front());
        m_events.pop_front();
        m_seen.push_back(e.index());
        if (auto* t = std::get_if<T>(&e)) return std::move(*t);
      }
      if (m_cv.wait_until(lock, deadline) == std::cv_status::timeout && m_events.empty()) {
        return std::nullopt;
      }
    }
  }
  template <typename T>
  int count_pending() {
    std::lock_guard lock(m_mutex);
    int n = 0;
    for (const auto& e : m_events) n += std::holds_alternative<T>(e) ? 1 : 0;
    return n;
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<PollerEvent> m_events;
  std::vector<std::size_t> m_seen;
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

}  // namespace

TEST_CASE("the poller reports each placement once, not again while the card lies there") {
  auto sim = start_sim("poll-once");
  Events events;
  Poller poller(quick(sim->path()), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  auto online = events.wait_for<poller_event::ReaderOnline>();
  REQUIRE(online);
  CHECK(online->baud == 115200);
  CHECK(online->sam_id == "05.01-123456789-0000000001-0000123456");

  sim->put_card(0);
  auto read = events.wait_for<poller_event::CardRead>();
  REQUIRE(read);
  CHECK(read->card.identity.name == "张伟");
  read->card.identity.wipe();

  // Many polls later the card still lies there: 0x80, which is neither a read nor an error.
  // Counted in commands the simulator answered, not in time, so a slow run polls as often.
  auto polls_before = sim->stats().commands;
  REQUIRE(wait_until([&] { return sim->stats().commands > polls_before + 10; }));
  CHECK(events.count_pending<poller_event::CardRead>() == 0);
  CHECK(events.count_pending<poller_event::CardError>() == 0);
  CHECK(events.count_pending<poller_event::ReaderFault>() == 0);

  sim->lift_card();
  sim->put_card(2);
  auto second = events.wait_for<poller_event::CardRead>();
  REQUIRE(second);
  CHECK(second->card.identity.card_type == CardType::foreign_permanent);
  poller.stop();
  CHECK_FALSE(poller.running());
}

TEST_CASE("unplug reports the reader offline, replug brings it back and cards read again") {
  auto sim = start_sim("poll-unplug");
  Events events;
  Poller poller(quick(sim->path()), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  REQUIRE(events.wait_for<poller_event::ReaderOnline>());
  sim->unplug();
  auto offline = events.wait_for<poller_event::ReaderOffline>();
  REQUIRE(offline);
  CHECK(offline->error.kind == Error::Kind::port);
  // Several reopen attempts (every 50 ms) must not report again. Nothing counts the attempts,
  // so this is a time window; a slow run makes fewer attempts and can only pass more easily,
  // never fail spuriously.
  std::this_thread::sleep_for(200ms);
  CHECK(events.count_pending<poller_event::ReaderOffline>() == 0);
  sim->replug();
  REQUIRE(events.wait_for<poller_event::ReaderOnline>());
  sim->put_card(3);
  auto read = events.wait_for<poller_event::CardRead>();
  REQUIRE(read);
  CHECK(read->card.identity.card_type == CardType::foreign_permanent_2023);
}

TEST_CASE("the poller waits for a reader that is not there yet") {
  auto link = unique_link("poll-late");
  Events events;
  Poller poller(quick(link), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  auto offline = events.wait_for<poller_event::ReaderOffline>();
  REQUIRE(offline);
  CHECK(offline->error.message.find(link) != std::string::npos);

  SimulatorOptions options;
  options.link = link;
  options.latencies = fast();
  options.cards = demo_cards();
  auto sim = Simulator::start(std::move(options));
  REQUIRE(sim);
  REQUIRE(events.wait_for<poller_event::ReaderOnline>());
  (*sim)->put_card(0);
  REQUIRE(events.wait_for<poller_event::CardRead>());
}

TEST_CASE("a reader that stops answering is a fault, answering again is recovery") {
  auto sim = start_sim("poll-fault");
  Events events;
  Poller poller(quick(sim->path()), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  REQUIRE(events.wait_for<poller_event::ReaderOnline>());
  SimulatorFaults silent;
  silent.drop_every = 1;
  sim->set_faults(silent);
  auto fault = events.wait_for<poller_event::ReaderFault>();
  REQUIRE(fault);
  CHECK(fault->error.kind == Error::Kind::timeout);
  sim->set_faults({});
  REQUIRE(events.wait_for<poller_event::ReaderRecovered>());
  sim->put_card(1);
  REQUIRE(events.wait_for<poller_event::CardRead>());
  CHECK(sim->stats().resets >= 1);  // the reader reset the SAM on the way
}

TEST_CASE("an unauthorised SAM is a reader fault at once") {
  SimulatorFaults faults;
  faults.sam_unauthorised = true;
  auto sim = start_sim("poll-unauth", faults);
  Events events;
  Poller poller(quick(sim->path()), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  auto fault = events.wait_for<poller_event::ReaderFault>();
  REQUIRE(fault);
  CHECK(fault->error.sw3 == sw3::kSamNotAuthorised);
}

TEST_CASE("a card that cannot be read is reported once per placement") {
  SimulatorFaults faults;
  faults.non_id_card = true;
  auto sim = start_sim("poll-nonid", faults);
  Events events;
  Poller poller(quick(sim->path()), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  REQUIRE(events.wait_for<poller_event::ReaderOnline>());
  sim->put_card(0);
  auto error = events.wait_for<poller_event::CardError>();
  REQUIRE(error);
  CHECK(error->error.sw3 == sw3::kNotIdCard);
  // The card keeps answering find and failing select: wait for several more of those
  // exchanges (not a fixed time), then nothing more may have been reported.
  auto before = sim->stats().commands;
  REQUIRE(wait_until([&] { return sim->stats().commands > before + 10; }));
  CHECK(events.count_pending<poller_event::CardError>() == 0);
  CHECK(events.count_pending<poller_event::ReaderFault>() == 0);
}

TEST_CASE("the poller reads through noise and split writes, and survives a moved card") {
  SimulatorFaults faults;
  faults.split_writes = true;
  faults.noise = true;
  faults.read_fail_every = 2;
  auto sim = start_sim("poll-noise", faults);
  Events events;
  Poller poller(quick(sim->path()), [&](PollerEvent e) { events.push(std::move(e)); });
  poller.start();
  REQUIRE(events.wait_for<poller_event::ReaderOnline>());
  for (std::size_t i = 0; i < 3; ++i) {
    sim->lift_card();
    sim->put_card(i);
    auto read = events.wait_for<poller_event::CardRead>();
    REQUIRE(read);
  }
}
