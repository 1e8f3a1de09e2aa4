#pragma once
// Shared by the idcard integration tests: a simulator on a fresh pty with fast latencies, and
// the demo cards.
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "drivers/idcard/card_file.h"
#include "drivers/idcard/simulator.h"
#include "temp_dir.h"
#include "wait_until.h"

namespace idcard_test {

// A fresh path in this test process's own mkdtemp directory (removed at exit): no clash
// with tests running at the same time or with links a crashed run left behind.
inline std::string unique_link(const std::string& name) {
  static kiosk::testing::TempDir dir("kiosk-idcard");
  static std::atomic<int> counter{0};
  return (dir.path() / (name + "-" + std::to_string(counter++))).string();
}

using kiosk::testing::wait_until;

inline std::vector<drivers::idcard::CardFixture> demo_cards() {
  auto cards =
      drivers::idcard::load_card_fixtures(std::string(KIOSK_SOURCE_DIR) + "/assets/demo/cards");
  REQUIRE(cards);
  return *cards;
}

// Latencies of a few milliseconds: the state machine and the byte stream are real, the
// waiting is not (the suite must stay fast under ASan).
inline drivers::idcard::SimulatorLatencies fast() {
  auto l = drivers::idcard::SimulatorLatencies::zero();
  l.find = l.select = std::chrono::milliseconds(2);
  l.read = std::chrono::milliseconds(5);
  return l;
}

inline std::unique_ptr<drivers::idcard::Simulator> start_sim(
    const std::string& name, drivers::idcard::SimulatorFaults faults = {}, unsigned baud = 115200) {
  drivers::idcard::SimulatorOptions options;
  options.link = unique_link(name);
  options.baud = baud;
  options.latencies = fast();
  options.faults = faults;
  options.cards = demo_cards();
  auto sim = drivers::idcard::Simulator::start(std::move(options));
  REQUIRE(sim);
  return std::move(*sim);
}

}  // namespace idcard_test
