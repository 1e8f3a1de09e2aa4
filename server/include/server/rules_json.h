#pragma once
// The benefit rules as the Config document publishes them (benefit_rules: version, plans with
// id, name, visit_types, base, deductible_fen, annual_cap_fen, bands of up_to_fen and
// rate_percent; the same keys as assets/rules/mutual-aid.toml) read into kiosk::core::Rules,
// so the server computes estimates with the kiosk's own engine.
#include <expected>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/core/rules.h"

namespace server {

// Every key checked for its type and range, then kiosk::core::check_rules; the message names
// the plan and the key.
std::expected<kiosk::core::Rules, std::string> rules_from_json(const nlohmann::json& rules);

}  // namespace server
