#pragma once
// A GA 467 reader on a pty, for tests, the demo and `kioskctl idcard sim`. It speaks the same
// bytes as a real reader (same codec, other side), follows the card state machine of
// reference/idcard.md §6.3 (find 9F, select 90, read, then 80 until the card is lifted and put
// back) and injects the faults a real line and a real SAM produce.
//
// In-process use (the kiosk demo):
//
//   auto cards = drivers::idcard::load_card_fixtures(dir);           // assets/demo/cards
//   auto sim = drivers::idcard::Simulator::start({.link = "/tmp/kiosk-idcard", .cards = *cards});
//   Poller poller({.path = (*sim)->path()}, on_event);                // the real driver
//   (*sim)->put_card(0);    // F1: fixture 0 on the reader
//   (*sim)->lift_card();    // F5
//   (*sim)->stop();         // or let the unique_ptr go
//
// Every member function is thread-safe; the simulator runs on its own thread.
#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/idcard/card_file.h"
#include "drivers/idcard/error.h"

namespace drivers::idcard {

// Processing time of the SAM per command, before the reply starts. Defaults are the
// realistic middle of reference/idcard.md §5.
struct SimulatorLatencies {
  std::chrono::milliseconds status{10};
  std::chrono::milliseconds sam_id{10};
  std::chrono::milliseconds find{50};
  std::chrono::milliseconds find_no_card{20};
  std::chrono::milliseconds select{50};
  std::chrono::milliseconds read{600};
  std::chrono::milliseconds read_fingerprint{900};
  std::chrono::milliseconds reset{150};
  std::chrono::milliseconds other{10};
  // Send replies no faster than the line could carry them at the simulated rate.
  bool pace_wire = true;

  static SimulatorLatencies zero() {
    SimulatorLatencies l;
    l.status = l.sam_id = l.find = l.find_no_card = l.select = l.read = l.read_fingerprint =
        l.reset = l.other = std::chrono::milliseconds(0);
    l.pace_wire = false;
    return l;
  }
};

struct SimulatorFaults {
  bool split_writes = false;      // replies go out in random pieces with short gaps
  bool noise = false;             // random bytes (never a preamble) before each reply
  unsigned drop_every = 0;        // every Nth command gets no reply at all
  unsigned corrupt_every = 0;     // every Nth reply has a wrong checksum
  unsigned read_fail_every = 0;   // every Nth read fails with 41 (card moved), card stays
  bool nonzero_sw = false;        // failure replies (41, 81, ...) carry SW1 SW2 = 6A 82
  bool sam_unauthorised = false;  // find/select/read answer 66
  bool self_test_failure = false; // every command answers 60
  bool non_id_card = false;       // the card on the reader is not an ID card: select answers 40
  // After each card read, vanish (unplug) for this long, then come back. 0: never.
  std::chrono::milliseconds unplug_after_read{0};
};

// Fault names for the command line: no-reply, split, noise, bad-checksum, sw-nonzero,
// read-fail, unauthorised, self-test, non-id-card, unplug. Errors name the known ones.
std::expected<void, Error> apply_fault(SimulatorFaults& faults, std::string_view name);
std::string_view fault_names();

struct SimulatorOptions {
  std::filesystem::path link;       // symlink to the pty (empty: use path())
  unsigned baud = 115200;           // the rate the simulated reader is set to
  SimulatorLatencies latencies{};
  SimulatorFaults faults{};
  std::vector<CardFixture> cards;   // what put_card(index) can place
  std::uint32_t seed = 467;         // for split points and noise
};

struct SimulatorStats {
  std::uint64_t commands = 0;        // well-formed commands received
  std::uint64_t bad_frames = 0;      // frames answered 10 / 11
  std::uint64_t wrong_rate_bytes = 0;// bytes ignored because the host used another rate
  std::uint64_t replies = 0;         // replies sent
  std::uint64_t reads = 0;           // successful reads (30 01 / 30 10)
  std::uint64_t resets = 0;          // 10 FF received
};

class Simulator {
 public:
  // Creates the pty (and symlink) and starts the thread.
  static std::expected<std::unique_ptr<Simulator>, Error> start(SimulatorOptions options);
  ~Simulator();  // stop()
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Stops the thread, closes the pty and removes the symlink. Idempotent.
  void stop();
  // The path a driver opens: the symlink, or /dev/pts/N without one.
  std::string path() const;

  // Puts options.cards[index] on the reader (replacing any card). False if out of range.
  bool put_card(std::size_t index);
  void put_card(const CardFixture& card);
  void lift_card();
  bool card_present() const;

  void set_faults(const SimulatorFaults& faults);
  void set_latencies(const SimulatorLatencies& latencies);
  // One-off faults: the next N commands get no reply / a reply with a wrong checksum.
  void drop_next(unsigned n);
  void corrupt_next(unsigned n);

  // Unplug: the pty goes away (the driver's reads fail, the symlink disappears).
  // Replug: a new pty behind the same symlink, reader state as after power-on.
  void unplug();
  void replug();
  bool plugged() const;

  SimulatorStats stats() const;

  class Impl;

 private:
  explicit Simulator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace drivers::idcard
