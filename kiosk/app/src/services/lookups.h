#pragma once
// Member lookups: when a card is read, a thread of its own asks the central server for the
// member, their settlement records and what their earlier claims used. It shares the upload
// worker's client settings and clock guard, so the terminal has one idea of trusted time.
// Answers reach the session through the event queue.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "kiosk/app/event_queue.h"
#include "kiosk/core/secret.h"
#include "kiosk/sync/client.h"
#include "kiosk/sync/clock_guard.h"

namespace kiosk::app {

class Lookups {
 public:
  Lookups(sync::ClientOptions options, std::shared_ptr<sync::ClockGuard> guard, EventQueue& queue);
  ~Lookups();
  Lookups(const Lookups&) = delete;
  Lookups& operator=(const Lookups&) = delete;

  // Thread-safe. A newer request replaces one not yet sent.
  void look_up(std::uint64_t visit, const core::Secret& id_number);
  // Drops a queued request and its number (the person left).
  void cancel();

 private:
  void loop();

  sync::ClientOptions m_options;
  std::shared_ptr<sync::ClockGuard> m_guard;
  EventQueue& m_queue;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::optional<std::uint64_t> m_visit;
  core::Secret m_id_number;
  std::thread m_thread;  // last: starts once everything above exists
};

}  // namespace kiosk::app
