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

void ClockGuard::restore(sys_time<milliseconds> highest_trusted) {
  std::lock_guard lock(m_mutex);
  if (highest_trusted > m_highest) m_highest = highest_trusted;
}

void ClockGuard::observe(sys_seconds server_date) {
  const auto local = m_now();
  std::lock_guard lock(m_mutex);
  if (server_date > m_highest) m_highest = server_date;
  m_anchor_server = server_date;
  m_anchor_steady = steady_clock::now();
  m_offset = duration_cast<milliseconds>(local - server_date);
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

sys_time<milliseconds> ClockGuard::highest_trusted() const {
  std::lock_guard lock(m_mutex);
  return floor<milliseconds>(m_highest);
}

std::optional<milliseconds> ClockGuard::last_offset() const {
  std::lock_guard lock(m_mutex);
  return m_offset;
}

}  // namespace kiosk::sync
