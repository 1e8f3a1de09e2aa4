#pragma once
// The session's settings, from the terminal's configuration.
#include <chrono>

#include "kiosk/core/language.h"

namespace kiosk::core {

struct SessionConfig {
  std::chrono::seconds idle_timeout{90};
  Language default_language = Language::zh_CN;
  std::chrono::seconds notice_duration{6};  // how long "please put the card on again" shows
  // The last seconds of the idle timeout, when a countdown with "continue" covers the screen.
  std::chrono::seconds idle_warning{20};
  // The terminal has an A4 printer ([a4] printer): the statement offers it, as the default.
  bool a4_printer = false;
};

}  // namespace kiosk::core
