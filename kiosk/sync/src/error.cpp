#include "kiosk/sync/error.h"

#include <array>
#include <utility>

namespace kiosk::sync {
namespace {
constexpr std::array<std::pair<ErrorClass, std::string_view>, 8> kNames{{
    {ErrorClass::network, "network"},
    {ErrorClass::tls, "tls"},
    {ErrorClass::clock, "clock"},
    {ErrorClass::auth, "auth"},
    {ErrorClass::server, "server"},
    {ErrorClass::busy, "busy"},
    {ErrorClass::validation, "validation"},
    {ErrorClass::captive_portal, "captive_portal"},
}};
}  // namespace

std::string_view to_string(ErrorClass cls) {
  for (const auto& [value, name] : kNames) {
    if (value == cls) return name;
  }
  return "network";
}

std::optional<ErrorClass> parse_error_class(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace kiosk::sync
