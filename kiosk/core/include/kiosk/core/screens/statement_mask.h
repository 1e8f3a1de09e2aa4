#pragma once
// How the person appears on a printed statement (A4 and receipt), from [statement] mask.
// The ID number is always masked (first 6 and last 4 shown); a deployment whose other offices
// want the holder's full name on the paper may print it. Screens and logs stay masked
// whatever this says.
#include <cstdint>
#include <optional>
#include <string_view>

namespace kiosk::core {

enum class StatementMask : std::uint8_t {
  name_and_id,  // 张**, 110101********123X (the default)
  id_only,      // 张三丰, 110101********123X
};

// The config's words: "name_and_id", "id_only".
inline std::string_view to_string(StatementMask mask) {
  return mask == StatementMask::id_only ? "id_only" : "name_and_id";
}
inline std::optional<StatementMask> parse_statement_mask(std::string_view text) {
  if (text == "name_and_id") return StatementMask::name_and_id;
  if (text == "id_only") return StatementMask::id_only;
  return std::nullopt;
}

}  // namespace kiosk::core
