#pragma once
// The simulator's SAM and card: answers one decoded command (or a damaged frame) as a GA 467
// reader does, with the time it would take, and applies the reply faults (a dropped or a
// corrupted reply). No I/O, no threads, no locking: the simulator owns the line and calls it
// under its own mutex.
#include <chrono>
#include <cstdint>
#include <optional>

#include "drivers/idcard/card_file.h"
#include "drivers/idcard/frame.h"
#include "drivers/idcard/simulator.h"

namespace drivers::idcard::detail {

struct Outcome {
  std::optional<Bytes> reply;  // nothing: the reader stays silent
  std::chrono::milliseconds latency{0};
  bool card_read = false;
  std::optional<unsigned> new_baud;  // the line's rate after the reply (60 xx)
};

class SimulatedSam {
 public:
  void put_card(CardFixture card);
  void lift_card();
  bool card_present() const { return m_card.has_value(); }
  // The reader was unplugged and plugged in again.
  void power_on();
  // The next N replies are dropped / corrupted.
  void drop_next(unsigned n) { m_drop_next = n; }
  void corrupt_next(unsigned n) { m_corrupt_next = n; }

  Outcome answer(const Command& command, const SimulatorOptions& options, SimulatorStats& stats);
  Outcome answer(const FrameFault& fault, const SimulatorOptions& options, SimulatorStats& stats);

 private:
  enum class CardState { none, idle, found, selected, halted };

  Bytes fail(std::uint8_t sw3, const SimulatorFaults& faults) const;

  std::optional<CardFixture> m_card;
  CardState m_state = CardState::none;
  std::uint64_t m_command_count = 0;
  std::uint64_t m_read_attempts = 0;
  unsigned m_drop_next = 0;
  unsigned m_corrupt_next = 0;
};

}  // namespace drivers::idcard::detail
