#pragma once
// What the app owns and the screens show: plain values the app fills each frame. The UI
// never reaches the app's services; it sees these and the core session only.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/time_point.h"

namespace kiosk::ui {

// Local wall-clock time for the clock and the date line (weekday 0 = Sunday).
struct WallClock {
  int year = 2026, month = 1, day = 1, weekday = 0, hour = 0, minute = 0;
};

// A notice from the central server's configuration, shown on the attract screen.
struct Notice {
  std::string title;
  std::string body;
};

// The upload queue, for the staff screens and the banner when uploads are stuck.
struct QueueView {
  std::int64_t pending = 0;      // waiting to upload (due now or after a retry wait)
  std::int64_t quarantined = 0;  // refused by the server; staff must look
  std::optional<std::chrono::seconds> oldest_pending_age;
  std::string last_error_class;  // "" when the last attempt succeeded
};

struct AppView {
  core::TimePoint now{};
  WallClock wall;
  std::string_view center_name;
  float px_per_mm = 0.0f;  // the panel's density; 0: the default 21.5-inch panel
  bool demo = false;       // simulated devices: show the demo keys
  std::vector<Notice> notices;
  QueueView queue;
};

}  // namespace kiosk::ui
