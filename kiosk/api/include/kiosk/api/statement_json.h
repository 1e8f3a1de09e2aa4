#pragma once
// The statement registration of the API contract (deploy/api/schemas.json:
// StatementRegistration, POST /api/v1/statements): what a printed personal-share statement
// says, under its verification number, so that GET /api/v1/statements/{number} can answer
// whoever checks the paper. The name goes masked, the ID number only as the kiosk's keyed hash.
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/core/date.h"
#include "kiosk/core/screens/statement_period.h"

namespace kiosk::api {

struct StatementRegistration {
  std::string number;  // the verification number printed on the paper
  std::string terminal_id;
  std::string member_id_hash;  // 64 lowercase hex characters
  std::string masked_name;     // as printed (core::mask_name)
  core::Date period_from{};
  core::Date period_to{};
  core::StatementTotals totals;  // its count is the record count
  core::WallTime printed_at{};
};

nlohmann::ordered_json statement_registration_to_json(const StatementRegistration& statement);

}  // namespace kiosk::api
