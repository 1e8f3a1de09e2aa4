#pragma once
// Every sync failure falls into exactly one class, so the staff screen, the heartbeat and the
// retry policy can act on it without parsing messages.
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::sync {

enum class ErrorClass {
  network,         // DNS, refused, reset, timeout, a reply cut short
  tls,             // the server's certificate: unknown CA, wrong host name, expired
  clock,           // this terminal's clock is far from the trusted time: HTTPS is blocked
  auth,            // the server refused our client certificate (missing, unknown, expired)
  server,          // 5xx, 408: the server could not handle it now
  busy,            // 429: the server throttles this kiosk (lookups per certificate); try again
  validation,      // a final 4xx from our server: the request itself is wrong
  captive_portal,  // a reply that is not from our server (a 2xx/3xx/4xx without our envelope)
};

std::string_view to_string(ErrorClass cls);
std::optional<ErrorClass> parse_error_class(std::string_view text);

struct SyncError {
  ErrorClass cls = ErrorClass::network;
  std::string message;   // for staff: what happened and what to check; never personal data
  long http_status = 0;  // 0 when no HTTP reply was read
};

}  // namespace kiosk::sync
