#pragma once
// The Config shape of the API contract (deploy/api/schemas.json, Config): what the central
// server tells one terminal. The sync worker fetches it by ETag; the app applies it. The
// reader accepts any bytes and never throws; its message names the field.
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::api {

struct ConfigNotice {
  std::string id;
  std::string title;
  std::string body;
};

struct StaffPinHash {
  std::string staff_id;
  std::string pin_hash;  // Argon2id in libsodium's string form
};

struct TerminalConfig {
  std::string version;
  std::vector<ConfigNotice> notices;
  std::vector<StaffPinHash> staff_pins;
  std::string benefit_rules;  // the rules object as JSON text
};

// Every field of the schema required; notices beyond kMaxNotices are dropped (the attract
// screen has room for a few, not a feed).
inline constexpr std::size_t kMaxNotices = 8;
std::expected<TerminalConfig, std::string> config_from_text(std::string_view text);

}  // namespace kiosk::api
