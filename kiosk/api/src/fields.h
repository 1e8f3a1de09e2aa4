#pragma once
// Reading one field of a JSON object the way every codec here does: present, of the right
// type and in range, or a message naming the field ("total_fen must be a whole number").
#include <cstdint>
#include <expected>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace kiosk::api::detail {

enum class Presence { required, optional };

// A string field; an absent optional field is nullopt.
std::expected<std::optional<std::string>, std::string> text(const nlohmann::json& object,
                                                            const char* key, Presence presence);
// A required whole number in [min, max].
std::expected<std::int64_t, std::string> integer(const nlohmann::json& object, const char* key,
                                                 std::int64_t min, std::int64_t max);
// "bills[3]: " + message.
std::string at(const char* list, std::size_t index, const std::string& message);

// Years the codecs accept (a year field, the year of a date).
inline constexpr std::int64_t kMinYear = 1900;
inline constexpr std::int64_t kMaxYear = 9999;

}  // namespace kiosk::api::detail
