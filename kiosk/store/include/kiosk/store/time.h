#pragma once
// Times as the store keeps them: Unix milliseconds in SQLite columns (*_ms), std::chrono in
// every value it hands out, so a caller never mistakes an age for a point in time.
#include <chrono>
#include <cstdint>

namespace kiosk::store {

using Millis = std::chrono::milliseconds;
using UnixTime = std::chrono::sys_time<Millis>;  // a point on the system clock, ms precision

constexpr UnixTime from_unix_ms(std::int64_t ms) {
  return UnixTime{Millis{ms}};
}
constexpr std::int64_t unix_ms(UnixTime time) {
  return time.time_since_epoch().count();
}

}  // namespace kiosk::store
