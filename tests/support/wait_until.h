#pragma once
// Waits for a condition instead of sleeping a fixed time: the limit only bounds a hang
// (ASan and a loaded machine make everything slower), it is never a measurement.
#include <chrono>
#include <thread>

namespace kiosk::testing {

// True as soon as DONE() holds, polling every few milliseconds; false if it still does not
// hold at the limit.
template <typename Predicate>
bool wait_until(Predicate&& done,
                std::chrono::milliseconds limit = std::chrono::milliseconds(20'000)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= until) return done();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace kiosk::testing
