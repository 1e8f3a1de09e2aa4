#include "kiosk/sync/clock_guard.h"

#include <cstdlib>

#include <fmt/core.h>

namespace kiosk::sync {
namespace {
using namespace std::chrono;

std::string describe(milliseconds off) {
  const auto minutes_off = round<minutes>(off < 0ms ? -off : off).count();
  if (minutes_off >= 2 * 24 * 60) return fmt::format("{} days", minutes_off / (24 * 60));
  if (minutes_off >= 120) return fmt::format("{} hours", minutes_off / 60);
  return fmt::format("{} minutes", minutes_off);
}

SyncError clock_error(milliseconds local_minus_trusted) {
  const bool behind = local_minus_trusted < 0ms;
  return {ErrorClass::clock,
          fmt::format("this terminal's clock is about {} {} the central server's time; "
                      "set the date and time (or fix time sync) before uploads can continue",
                      describe(local_minus_trusted), behind ? "behind" : "ahead of"),
          0};
}
}  // namespace

ClockGuard::ClockGuard(seconds max_skew, WallClock now)
    : m_max_skew(max_skew), m_now(std::move(now)) {}

void ClockGuard::restore(std::int64_t highest_trusted_ms) {
  std::lock_guard lock(m_mutex);
  const system_clock::time_point t{milliseconds(highest_trusted_ms)};
  if (t > m_highest) m_highest = t;
}

void ClockGuard::observe(sys_seconds server_date) {
  const auto local = m_now();
  std::lock_guard lock(m_mutex);
  if (server_date > m_highest) m_highest = server_date;
  m_anchor_server = server_date;
  m_anchor_steady = steady_clock::now();
  m_offset_ms = duration_cast<milliseconds>(local - server_date).count();
}

std::expected<void, SyncError> ClockGuard::check() const {
  const auto local = m_now();
  std::lock_guard lock(m_mutex);
  // Date has one-second resolution and the reply took some time: allow for both.
  const auto slack = duration_cast<milliseconds>(m_max_skew) + 2s;
  if (m_anchor_server) {
    const auto expected_now = *m_anchor_server + (steady_clock::now() - m_anchor_steady);
    const auto off = duration_cast<milliseconds>(local - expected_now);
    if (off > slack || off < -slack) return std::unexpected(clock_error(off));
  }
  if (local + slack < m_highest) {
    return std::unexpected(clock_error(duration_cast<milliseconds>(local - m_highest)));
  }
  return {};
}

std::int64_t ClockGuard::highest_trusted_ms() const {
  std::lock_guard lock(m_mutex);
  return duration_cast<milliseconds>(m_highest.time_since_epoch()).count();
}

std::optional<std::int64_t> ClockGuard::last_offset_ms() const {
  std::lock_guard lock(m_mutex);
  return m_offset_ms;
}

}  // namespace kiosk::sync
