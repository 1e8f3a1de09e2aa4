#pragma once
// The session's settings, from the terminal's configuration.
#include <chrono>

#include "kiosk/core/language.h"
#include "kiosk/core/text_size.h"

namespace kiosk::core {

struct SessionConfig {
  std::chrono::seconds idle_timeout{90};
  Language default_language = Language::zh_CN;
  std::chrono::seconds notice_duration{6};  // how long "please put the card on again" shows
  // The last seconds of the idle timeout, when a countdown with "continue" covers the screen.
  std::chrono::seconds idle_warning{20};
  // The terminal has an A4 printer ([a4] printer): the statement offers it, as the default.
  bool a4_printer = false;
  TextSize default_text_size = TextSize::normal;
  // Large text is for people who read slowly: they get longer before the visit ends.
  std::chrono::seconds idle_timeout_large{150};
  // Staff mode closes by itself after this long untouched (staff walk away too).
  std::chrono::seconds staff_idle_timeout{120};
};

}  // namespace kiosk::core
