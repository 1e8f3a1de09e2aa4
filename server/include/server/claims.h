#pragma once
// What the server checks in a claim beyond the schema: rules that JSON Schema cannot say.
#include <expected>
#include <string>

#include <nlohmann/json.hpp>

namespace server {

// The body has already passed the ClaimRequest schema. The error is the reason returned
// with 422, in words the kiosk's staff screen can show.
std::expected<void, std::string> check_claim_rules(const nlohmann::json& claim);

}  // namespace server
