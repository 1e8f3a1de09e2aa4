#pragma once
// One settlement record as the API's JSON object (deploy/api/openapi.yaml, Bill): the claim
// request body sends it so, the store keeps bills so (encrypted), and kiosk-central's demo
// data serves them so.
#include <nlohmann/json.hpp>

#include "kiosk/core/bill.h"

namespace kiosk::store {

inline nlohmann::ordered_json bill_to_json(const core::Bill& bill) {
  return {{"id", bill.id},
          {"institution", bill.institution},
          {"visit_type", core::to_string(bill.visit_type)},
          {"admitted", core::format_date(bill.admitted)},
          {"discharged", core::format_date(bill.discharged)},
          {"total_fen", bill.total_fen},
          {"fund_paid_fen", bill.fund_paid_fen},
          {"account_paid_fen", bill.account_paid_fen},
          {"cash_paid_fen", bill.cash_paid_fen},
          {"self_pay_full_fen", bill.self_pay_full_fen}};
}

}  // namespace kiosk::store
