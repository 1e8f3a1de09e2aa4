#pragma once
// The terminal's link to the central server: the store it uploads from, the upload worker
// (exactly once, kiosk/sync), and a lookup thread that fetches a member's record and
// settlement records when a card is read. Answers reach the UI through the event queue.
#include <condition_variable>
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/app/config.h"
#include "kiosk/app/event_queue.h"
#include "kiosk/core/secret.h"
#include "kiosk/store/store.h"
#include "kiosk/sync/client.h"
#include "kiosk/sync/worker.h"

namespace kiosk::app {

class CentralLink {
 public:
  // Opens the store (a damaged one is moved aside and reported in the log) and starts the
  // worker. Missing certificates are not fatal: uploads wait, lookups fail with a reason,
  // and claims are still taken.
  static std::expected<std::unique_ptr<CentralLink>, std::string> start(const Config& config,
                                                                        EventQueue& queue);
  ~CentralLink();
  CentralLink(const CentralLink&) = delete;
  CentralLink& operator=(const CentralLink&) = delete;

  // Thread-safe. A newer request replaces one not yet sent.
  void look_up(std::uint64_t visit, const core::Secret& id_number);
  // Drops a queued request (the person left).
  void cancel_lookup();
  sync::SyncState sync_state() const;

 private:
  CentralLink(store::Store store, EventQueue& queue, sync::ClientOptions client);
  void lookup_loop();

  store::Store m_store;
  EventQueue& m_queue;
  sync::ClientOptions m_client_options;
  std::unique_ptr<sync::Worker> m_worker;

  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::optional<std::uint64_t> m_visit;
  core::Secret m_id_number;
  std::thread m_thread;
};

}  // namespace kiosk::app
