#pragma once
// When to try a failed upload again: exponential from `first`, capped, with jitter so that a
// room of terminals coming back online does not retry in step. Never gives up.
#include <chrono>
#include <cstdint>

namespace kiosk::sync {

struct BackoffPolicy {
  std::chrono::milliseconds first{std::chrono::seconds(30)};
  std::chrono::milliseconds cap{std::chrono::minutes(15)};
  double jitter = 0.2;  // the delay is scaled by a factor in [1 - jitter, 1 + jitter]
};

// The delay after the attempt-th failed send (attempt >= 1). `unit` in [0, 1) picks the
// jitter factor, so the function stays pure and testable; the worker passes a random value.
std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int attempt, double unit);

}  // namespace kiosk::sync
