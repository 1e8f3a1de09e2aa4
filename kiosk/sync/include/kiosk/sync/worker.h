#pragma once
// The upload worker: drains the store's outbox to the central server, exactly once, following
// the rules of reference/sync-and-kiosk.md A.10:
//  - `sending` rows left by a stop or crash become due again at start;
//  - each item is marked `sending` (attempt counted, body frozen) BEFORE its request; a window
//    of items is marked in one transaction and their outcomes recorded in another;
//  - acked only on 201, or 200 whose record echoes our claim_uuid;
//  - a final 4xx from our server quarantines the item with the server's reason (staff requeue);
//  - everything else is retried with exponential backoff and jitter, never given up;
//  - items not due yet or quarantined never block the others;
//  - it wakes on notify() (a new claim), on each item's due time, and on a cheap periodic
//    health probe; a probe that succeeds after a link failure makes waiting items due now.
// It also pulls claim statuses, the config by ETag, and sends heartbeats. The clock guard
// blocks all HTTPS while the terminal's clock is far behind the trusted time.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "base/version.h"
#include "kiosk/store/store.h"
#include "kiosk/sync/backoff.h"
#include "kiosk/sync/client.h"

namespace kiosk::sync {

struct SyncOptions {
  BackoffPolicy backoff;  // first retry ~30 s, doubling, capped at ~15 min, +-20 % jitter
  std::chrono::milliseconds probe_interval{std::chrono::seconds(60)};
  std::chrono::milliseconds status_interval{std::chrono::minutes(5)};
  std::chrono::milliseconds config_interval{std::chrono::minutes(15)};
  std::chrono::milliseconds heartbeat_interval{std::chrono::minutes(5)};
  std::chrono::seconds max_clock_skew{std::chrono::minutes(5)};
  int batch_size = 50;                  // items per pass: marked, sent and recorded as one window
  int status_batch = 20;                // claim statuses pulled per pass
  std::string terminal_id;              // sent in heartbeats; empty: the client certificate's CN
  std::string version{base::kVersion};  // in heartbeats: the build's, from CMake
};

// What the staff screen and the heartbeat show: numbers, never a bare "ok".
struct SyncState {
  // The outbox as last counted (its own last_error_class: the latest failed item's).
  store::OutboxCounts queue;
  std::optional<store::UnixTime> last_success;  // the last reply from our server
  std::optional<store::UnixTime> last_attempt;
  std::optional<core::ErrorClass>
      last_error_class;            // of this worker's last request; none after a success
  std::string last_error_message;  // for staff; no personal data
  std::int64_t consecutive_failures = 0;
  std::optional<std::chrono::milliseconds> clock_offset;  // local minus server time, last reply
  std::int64_t acked_by_worker = 0;                       // since this worker started
  std::int64_t quarantined_by_worker = 0;
  std::int64_t requests = 0;
  std::string config_version;  // of the last config received
};

class Worker {
 public:
  using DeviceStates = std::function<std::map<std::string, std::string>()>;
  using ConfigListener = std::function<void(const RemoteConfig&)>;

  Worker(store::Store& store, ClientOptions client, SyncOptions options);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Resets interrupted `sending` items, sets up the client and starts the thread. The error
  // (bad URL, missing certificate files, store failure) says what to fix.
  std::expected<void, SyncError> start();
  // Stops after the request in flight; the item it sent keeps its state (sending -> reset at
  // the next start, so it is sent again and deduplicated by the server).
  void stop();
  // A claim was saved: look at the outbox now.
  void notify();
  SyncState state() const;

  // The worker's clock guard: other clients of the same server (lookups) share it, so the
  // terminal has one idea of trusted time.
  std::shared_ptr<ClockGuard> clock_guard() const { return m_guard; }
  const ClientOptions& client_options() const { return m_client_options; }

  void set_device_states(DeviceStates states);
  // Called on the worker's thread with the config kept from an earlier run (once, before the
  // first pull) and with each new config the server sends.
  void set_config_listener(ConfigListener listener);

  // Without a thread (kioskctl, tests): the same loop in the caller's thread until nothing is
  // pending, sending or waiting for a retry (quarantined items do not count), or until the
  // deadline. Returns true when the outbox was drained.
  std::expected<bool, SyncError> run_until_empty(std::chrono::steady_clock::time_point deadline);
  // One drain of what is due now (and the periodic pulls), then return; no waiting for
  // retries. Returns true when nothing is left pending, sending or waiting.
  std::expected<bool, SyncError> run_due(std::chrono::steady_clock::time_point deadline);

 private:
  struct Pass {
    bool link_failed = false;  // stop sending; wait for the probe
    bool more = false;         // a full batch: look again at once
  };
  std::expected<void, SyncError> prepare();
  enum class Mode { forever, until_empty, due_now };
  void loop(Mode mode, std::chrono::steady_clock::time_point deadline, bool& drained);
  Pass upload_pass();
  // Marks the window `sending`, sends it, records every outcome; false: a link failure.
  bool send_window(const std::vector<store::OutboxItem>& due);
  void periodic_tasks();
  void probe();
  void pull_statuses();
  void pull_config();
  void deliver_config(const RemoteConfig& config);
  void send_heartbeat();
  void record_success();
  void record_failure(const SyncError& error);
  void refresh_counts();
  std::optional<store::UnixTime> next_due();

  store::Store& m_store;
  store::Outbox m_outbox;
  ClientOptions m_client_options;
  SyncOptions m_options;
  std::shared_ptr<ClockGuard> m_guard;
  std::optional<Client> m_client;
  std::mt19937_64 m_rng{std::random_device{}()};

  std::thread m_thread;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::atomic<bool> m_stop{false};  // also read by the client between uploads of a window
  bool m_notified = false;
  bool m_force_due = false;  // a probe succeeded after a link failure
  bool m_link_down = false;
  std::chrono::steady_clock::time_point m_next_probe{}, m_next_status{}, m_next_config{},
      m_next_heartbeat{};
  std::int64_t m_saved_trusted_ms = 0;
  std::int64_t m_status_cursor = 0;  // sequence of the last claim whose status was asked
  bool m_config_delivered = false;   // the kept config went to the listener at start
  SyncState m_state;
  DeviceStates m_devices;
  ConfigListener m_on_config;
};

}  // namespace kiosk::sync
