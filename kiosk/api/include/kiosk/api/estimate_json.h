#pragma once
// The estimate and plan-usage shapes of the API contract (deploy/api/schemas.json: the claim
// request's "estimate", PlanUsage). One estimate shape everywhere:
//   {"total_benefit_fen", "plans": [{"plan", "year", "eligible_fen", "benefit_fen",
//                                    "plan_name", "explanation": [...]}]}
// The claim request sends it without the two display fields (the contract has no room for
// them); the store and `kioskctl rules estimate` keep them. Readers never throw.
#include <expected>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/estimate.h"

namespace kiosk::api {

enum class EstimateFields {
  contract,      // plan, year, eligible_fen, benefit_fen: what the server is sent
  with_display,  // also plan_name and the explanation lines shown to the person
};

nlohmann::ordered_json estimate_to_json(const core::Estimate& estimate, EstimateFields fields);
// plan_name and explanation are optional (absent: empty); the rest is required.
std::expected<core::Estimate, std::string> estimate_from_json(const nlohmann::json& value);

// PlanUsage: what earlier claims used of a plan in a year (the lookup reply's history).
nlohmann::ordered_json plan_usage_to_json(const core::PlanHistory& usage);
std::expected<core::PlanHistory, std::string> plan_usage_from_json(const nlohmann::json& value);
// A list of PlanUsage; the message names the entry: "history[1]: year is missing".
std::expected<std::vector<core::PlanHistory>, std::string> history_from_json(
    const nlohmann::json& value);

}  // namespace kiosk::api
