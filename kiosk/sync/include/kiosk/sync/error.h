#pragma once
// A sync failure: its class (kiosk/core/error_class.h, shared with the store and the session),
// so the staff screen, the heartbeat and the retry policy can act on it without parsing
// messages, and words for staff.
#include <string>

#include "kiosk/core/error_class.h"

namespace kiosk::sync {

using core::ErrorClass;
using core::parse_error_class;
using core::to_string;

struct SyncError {
  ErrorClass cls = ErrorClass::network;
  std::string message;   // for staff: what happened and what to check; never personal data
  long http_status = 0;  // 0 when no HTTP reply was read
};

}  // namespace kiosk::sync
