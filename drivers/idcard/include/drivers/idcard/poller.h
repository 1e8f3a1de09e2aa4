#pragma once
// The reader's thread: keeps the reader open, polls for a card, reads each card once and
// reports what happens through a callback. The app turns each event into an entry of its
// event queue (and wakes the UI); kioskctl and tests collect them directly.
//
//   Poller poller({.path = "/dev/ttyUSB0"}, [&](PollerEvent e) { queue.push(std::move(e)); });
//   poller.start();
//   ...
//   poller.stop();  // also done by the destructor
//
// GA 467 has no "card lifted" signal: after a read the card answers find with 0x80 until it
// is lifted AND put back, and an empty reader answers the same. So the poller reports each
// placement once (CardRead) and never invents a removal; the session's idle timeout or the
// next CardRead ends a visit.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <variant>

#include "drivers/idcard/error.h"
#include "drivers/idcard/reader.h"

namespace drivers::idcard {

namespace poller_event {
// A card was read. Holds personal data: wipe() it (identity.wipe()) when done.
struct CardRead {
  drivers::idcard::CardRead card;
};
// A card is on the reader but could not be read (moved too early, not an ID card, garbled
// data). Ask the person to put it on again. Reported once per placement.
struct CardError {
  Error error;
};
// The reader answers (first time, or again after being offline).
struct ReaderOnline {
  std::string path;
  unsigned baud = 0;
  std::string sam_id;  // empty if the reader would not say
};
// The port is gone or nothing answers on it; the poller keeps trying to reopen it.
struct ReaderOffline {
  Error error;
};
// The reader is there but failing (timeouts, garbled replies, SAM self-test or
// authorisation). Reported once until it recovers.
struct ReaderFault {
  Error error;
};
// The first good exchange after a ReaderFault.
struct ReaderRecovered {};
// The answer to Poller::request_self_test(): the reader's status command (11 FF, its SAM's
// self-test) and its SAM ID, or why they failed (also when the reader is offline).
struct SelfTest {
  bool passed = false;
  std::string sam_id;
  std::string problem;  // when not passed
};
}  // namespace poller_event

using PollerEvent =
    std::variant<poller_event::CardRead, poller_event::CardError, poller_event::ReaderOnline,
                 poller_event::ReaderOffline, poller_event::ReaderFault,
                 poller_event::ReaderRecovered, poller_event::SelfTest>;

struct PollerOptions {
  std::string path;  // the reader's port (or a symlink)
  ReaderOptions reader{};
  std::chrono::milliseconds poll_interval{250};        // between "find card" commands
  std::chrono::milliseconds reconnect_interval{1000};  // between reopen attempts when offline
  int fault_after_failures = 3;  // failed exchanges in a row before a ReaderFault
};

class Poller {
 public:
  // ON_EVENT runs on the poller's thread: keep it short (push to a queue, wake the UI) and
  // do not call stop() from it.
  Poller(PollerOptions options, std::function<void(PollerEvent)> on_event);
  ~Poller();
  Poller(const Poller&) = delete;
  Poller& operator=(const Poller&) = delete;

  void start();
  // Stops the thread (within one command's deadline) and closes the port. Idempotent.
  void stop();
  bool running() const;
  // Staff asked: before its next poll the thread checks the reader's status and SAM ID and
  // answers with poller_event::SelfTest ("offline" and why, after its next attempt to open the
  // port, when the reader is not open).
  void request_self_test();

  class Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace drivers::idcard
