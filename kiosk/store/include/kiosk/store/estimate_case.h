#pragma once
// The JSON of `kioskctl rules estimate`: a case in (bills and history), an estimate out.
//   in:  {"bills": [{"id", "visit_type", "discharged", "total_fen", "fund_paid_fen",
//         "account_paid_fen", "cash_paid_fen", "self_pay_full_fen"}...],
//         "history": [{"plan", "year", "eligible_fen", "benefit_fen"}...]}
//   out: the one estimate shape (kiosk/api/estimate_json.h): {"total_benefit_fen", "plans":
//         [{"plan", "year", "eligible_fen", "benefit_fen", "plan_name", "explanation": [..]}...]}
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/bill.h"
#include "kiosk/core/estimate.h"
#include "kiosk/store/error.h"

namespace kiosk::store {

struct EstimateCase {
  std::vector<core::Bill> bills;
  std::vector<core::PlanHistory> history;
};

// Bills are read by the API's Bill codec and pass core::check_bill; "institution" and
// "admitted" are optional here (a case needs only what the rules read). The message
// names the bill or history entry and the field.
std::expected<EstimateCase, Error> parse_estimate_case(std::string_view json_text);

// Pretty JSON (2-space indent), keys in the order above.
std::string estimate_to_json(const core::Estimate& estimate);

}  // namespace kiosk::store
