#pragma once
// Every failure that crosses a layer (sync, store, session, staff screen, heartbeat) falls
// into exactly one class, so each can act on it without parsing messages. The names are the
// ones stored in the outbox, sent in heartbeats and shown by kioskctl; they never change.
#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace kiosk::core {

enum class ErrorClass {
  network,         // DNS, refused, reset, timeout, a reply cut short
  tls,             // the server's certificate: unknown CA, wrong host name, expired
  clock,           // this terminal's clock is far from the trusted time: HTTPS is blocked
  auth,            // the server refused our client certificate (missing, unknown, expired)
  server,          // 5xx, 408: the server could not handle it now
  busy,            // 429: the server throttles this kiosk (lookups per certificate); try again
  validation,      // a final 4xx from our server: the request itself is wrong
  captive_portal,  // a reply that is not from our server (a 2xx/3xx/4xx without our envelope)
  damaged,         // the store: a queued claim cannot be read back (quarantined, never sent)
  interrupted,     // the store: an upload was cut off by a restart and will be sent again
};

namespace detail {
inline constexpr std::array<std::pair<ErrorClass, std::string_view>, 10> kErrorClassNames{{
    {ErrorClass::network, "network"},
    {ErrorClass::tls, "tls"},
    {ErrorClass::clock, "clock"},
    {ErrorClass::auth, "auth"},
    {ErrorClass::server, "server"},
    {ErrorClass::busy, "busy"},
    {ErrorClass::validation, "validation"},
    {ErrorClass::captive_portal, "captive_portal"},
    {ErrorClass::damaged, "damaged"},
    {ErrorClass::interrupted, "interrupted"},
}};
}  // namespace detail

constexpr std::string_view to_string(ErrorClass cls) {
  for (const auto& [value, name] : detail::kErrorClassNames) {
    if (value == cls) return name;
  }
  return "network";
}

constexpr std::optional<ErrorClass> parse_error_class(std::string_view text) {
  for (const auto& [value, name] : detail::kErrorClassNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace kiosk::core
