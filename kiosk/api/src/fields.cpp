#include "fields.h"

#include <fmt/core.h>

namespace kiosk::api::detail {

std::expected<std::optional<std::string>, std::string> text(const nlohmann::json& object,
                                                            const char* key, Presence presence) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (presence == Presence::required) return std::unexpected(fmt::format("{} is missing", key));
    return std::optional<std::string>{};
  }
  if (!it->is_string()) return std::unexpected(fmt::format("{} must be a string", key));
  return std::optional<std::string>{it->get<std::string>()};
}

std::expected<std::int64_t, std::string> integer(const nlohmann::json& object, const char* key,
                                                 std::int64_t min, std::int64_t max) {
  auto it = object.find(key);
  if (it == object.end()) return std::unexpected(fmt::format("{} is missing", key));
  // A number above INT64_MAX parses as unsigned: refuse it rather than read it wrapped.
  if (!it->is_number_integer() ||
      (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(max))) {
    if (it->is_number_unsigned()) {
      return std::unexpected(fmt::format("{} must be {} to {}", key, min, max));
    }
    return std::unexpected(fmt::format("{} must be a whole number", key));
  }
  const auto value = it->get<std::int64_t>();
  if (value < min || value > max) {
    return std::unexpected(fmt::format("{} must be {} to {}", key, min, max));
  }
  return value;
}

std::string at(const char* list, std::size_t index, const std::string& message) {
  return fmt::format("{}[{}]: {}", list, index, message);
}

}  // namespace kiosk::api::detail
