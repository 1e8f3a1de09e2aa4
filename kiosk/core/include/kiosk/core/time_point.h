#pragma once
// The session's clock: monotonic, so a wall-clock jump never ends or extends a visit.
#include <chrono>

namespace kiosk::core {
using TimePoint = std::chrono::steady_clock::time_point;
}
