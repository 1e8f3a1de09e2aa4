#pragma once
// Reads the mutual-aid benefit rules from TOML (assets/rules/mutual-aid.toml shows the shape)
// into core::Rules, and checks them. The bytes come from outside (a file, the server's
// config), so every mistake is a message naming the plan and the key, never a crash.
#include <expected>
#include <filesystem>
#include <string_view>

#include "kiosk/core/rules.h"
#include "kiosk/store/error.h"

namespace kiosk::store {

// `source` names the text in messages ("mutual-aid.toml"). Unknown keys are errors, so a
// misspelt key is not silently ignored.
std::expected<core::Rules, Error> parse_rules_toml(std::string_view text, std::string_view source);
std::expected<core::Rules, Error> load_rules_file(const std::filesystem::path& path);

}  // namespace kiosk::store
