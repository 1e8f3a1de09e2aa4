#pragma once
// Refuses HTTPS while this terminal's clock is far from the trusted time. The trusted time is
// the highest server Date seen (kept across restarts by the caller through highest_trusted())
// and, while the process runs, the last server Date carried forward on the monotonic clock.
// Thread-safe.
#include <chrono>
#include <expected>
#include <functional>
#include <mutex>
#include <optional>

#include "kiosk/sync/error.h"

namespace kiosk::sync {

class ClockGuard {
 public:
  using WallClock = std::function<std::chrono::system_clock::time_point()>;

  // `max_skew`: how far the local clock may be from the trusted time. `now` is replaceable
  // so tests can play a terminal whose clock is wrong.
  explicit ClockGuard(
      std::chrono::seconds max_skew = std::chrono::minutes(5),
      WallClock now = [] { return std::chrono::system_clock::now(); });

  // Restores the highest trusted time from an earlier run, e.g. from the store.
  void restore(std::chrono::sys_time<std::chrono::milliseconds> highest_trusted);
  // A server Date header that arrived over verified TLS.
  void observe(std::chrono::sys_seconds server_date);
  // Ok, or a `clock` error saying how far off the local clock is.
  std::expected<void, SyncError> check() const;
  std::chrono::sys_time<std::chrono::milliseconds> highest_trusted() const;
  // Local minus trusted time at the last observation; nullopt before the first.
  std::optional<std::chrono::milliseconds> last_offset() const;

 private:
  std::chrono::seconds m_max_skew;
  WallClock m_now;
  mutable std::mutex m_mutex;
  std::chrono::system_clock::time_point m_highest{};
  std::optional<std::chrono::sys_seconds> m_anchor_server;
  std::chrono::steady_clock::time_point m_anchor_steady{};
  std::optional<std::chrono::milliseconds> m_offset;
};

}  // namespace kiosk::sync
