#include "kiosk/store/request_body.h"

#include <nlohmann/json.hpp>

#include "kiosk/store/bill_json.h"

namespace kiosk::store {

std::string claim_request_body(const core::Claim& claim) {
  using nlohmann::ordered_json;
  ordered_json bills = ordered_json::array();
  for (const core::Bill& bill : claim.bills) bills.push_back(bill_to_json(bill));
  ordered_json plans = ordered_json::array();
  for (const core::PlanEstimate& plan : claim.estimate.plans) {
    plans.push_back({{"plan", plan.plan},
                     {"year", plan.year},
                     {"eligible_fen", plan.eligible_fen},
                     {"benefit_fen", plan.benefit_fen}});
  }
  ordered_json body = {
      {"claim_uuid", claim.uuid},
      {"terminal_id", claim.terminal_id},
      {"sequence", claim.sequence},
      {"created_at", core::format_rfc3339_cst(claim.created_at)},
      {"member",
       {{"id_number", claim.member.id_number.reveal()},
        {"name", claim.member.name.reveal()},
        {"phone", claim.member.phone.reveal()}}},
      {"bank_account", claim.bank_account.reveal()},
      {"bills", std::move(bills)},
      {"estimate",
       {{"total_benefit_fen", claim.estimate.total_benefit_fen}, {"plans", std::move(plans)}}},
      {"commitment",
       {{"text_version", claim.commitment.text_version},
        {"signature_sha256", claim.commitment.signature_sha256},
        {"accepted_at", core::format_rfc3339_cst(claim.commitment.accepted_at)}}},
  };
  // Invalid UTF-8 from a device is replaced rather than thrown: the body must always exist.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kiosk::store
