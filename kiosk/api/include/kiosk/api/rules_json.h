#pragma once
// The benefit rules as the Config document carries them (deploy/api/schemas.json, Config's
// benefit_rules): {"version", "plans": [{"id", "name", "visit_types", "base",
// "deductible_fen", "annual_cap_fen", "bands": [{"up_to_fen" (null: no limit),
// "rate_percent"}]}]}, the same keys as assets/rules/mutual-aid.toml. The kiosk reads the
// rules its server publishes with it and kiosk-central reads its own published rules with
// it, so both estimate with one set of rules read one way. Readers accept any JSON and never
// throw.
#include <expected>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "kiosk/core/rules.h"

namespace kiosk::api {

// Every key, in the order above.
nlohmann::ordered_json rules_to_json(const core::Rules& rules);
// Every key required and of its type, amounts 0 to kMaxAmountFen, then core::check_rules; the
// message names the plan and the key ("benefit_rules: plan 'inpatient': deductible_fen must
// be 0 to 10000000000"). Keys the contract does not name are ignored (a newer server's).
std::expected<core::Rules, std::string> rules_from_json(const nlohmann::json& value);
// The same from JSON text (TerminalConfig::benefit_rules).
std::expected<core::Rules, std::string> rules_from_text(std::string_view text);

}  // namespace kiosk::api
