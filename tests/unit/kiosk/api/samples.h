#pragma once
// Values the codec tests share: the API example's claim, and a schema check that says what
// is wrong.
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/core/claim.h"

namespace test {

// The claim of deploy/api/examples/claim.json, as the terminal holds it.
kiosk::core::Claim example_claim();
// The bytes of a file of the checkout (KIOSK_SOURCE_DIR).
std::string read_source_file(const std::string& relative);
// "" when `value` is a valid `def_name` of deploy/api/schemas.json; else the violation.
std::string schema_violation(const nlohmann::ordered_json& value, const char* def_name);

}  // namespace test
