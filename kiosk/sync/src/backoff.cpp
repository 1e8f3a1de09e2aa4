#include "kiosk/sync/backoff.h"

#include <algorithm>
#include <cmath>

namespace kiosk::sync {

std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int attempt, double unit) {
  const double first = static_cast<double>(std::max<std::int64_t>(policy.first.count(), 1));
  const double cap = static_cast<double>(std::max(policy.cap, policy.first).count());
  // 2^(attempt-1), stopped early: past the cap the exponent no longer matters.
  const int exponent = std::clamp(attempt, 1, 40) - 1;
  const double base = std::min(cap, first * std::ldexp(1.0, exponent));
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  const double factor = 1.0 - jitter + 2.0 * jitter * std::clamp(unit, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(base * factor));
}

}  // namespace kiosk::sync
