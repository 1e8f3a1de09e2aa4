#pragma once
// The ID-card reader as the app sees it: the poller thread on the configured port (or on
// the in-process simulator's pty in demo mode), its events turned into session inputs.
#include <atomic>
#include <chrono>
#include <expected>
#include <memory>
#include <optional>
#include <string>

#include "drivers/idcard/poller.h"
#include "drivers/idcard/simulator.h"
#include "kiosk/app/config.h"
#include "kiosk/app/event_queue.h"

namespace kiosk::app {

class IdCardDevice {
 public:
  // port "sim": a simulator on a pty with the demo cards of assets/demo/cards, read through
  // the real driver. Fails only when the simulator cannot start; a missing reader is an
  // event (offline), not a failure: it may be plugged in later.
  static std::expected<std::unique_ptr<IdCardDevice>, std::string> start(const Config& config,
                                                                         EventQueue& queue);
  ~IdCardDevice();

  bool simulated() const { return m_simulator != nullptr; }
  // Staff's reader self-test: the answer arrives as core::staff::TaskDone (reader_self_test).
  void self_test();
  // When a card was last read since start (for staff; never whose).
  std::optional<std::chrono::system_clock::time_point> last_read() const;
  // Demo only: put demo card INDEX on the simulated reader, or lift it.
  void demo_put_card(std::size_t index);
  void demo_lift_card();

 private:
  IdCardDevice() = default;
  std::unique_ptr<drivers::idcard::Simulator> m_simulator;
  std::unique_ptr<drivers::idcard::Poller> m_poller;
  std::atomic<std::chrono::system_clock::time_point> m_last_read{};
};

}  // namespace kiosk::app
