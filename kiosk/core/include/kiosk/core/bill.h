#pragma once
// One medical-insurance settlement record (医保结算单) as the central server reports it.
// A plain value: the receipt, the rules engine and the store all read these fields directly.
// Every amount is integer fen; the fields follow the settlement record's own columns.
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/date.h"
#include "kiosk/core/money.h"

namespace kiosk::core {

enum class VisitType {
  inpatient,           // 住院
  outpatient_chronic,  // 门诊慢特病
  outpatient,          // 普通门诊
};

struct Bill {
  std::string id;           // settlement number, unique at the insurer
  std::string institution;  // hospital name as printed on the record
  VisitType visit_type = VisitType::outpatient;
  Date admitted{};          // outpatient visits: the visit date
  Date discharged{};        // the settlement year is this date's year
  Fen total_fen = 0;         // 医疗费用总额
  Fen fund_paid_fen = 0;     // 统筹基金支付 (paid by the pooled fund)
  Fen account_paid_fen = 0;  // 个人账户支付
  Fen cash_paid_fen = 0;     // 个人现金支付
  Fen self_pay_full_fen = 0; // 全自费 (items outside the policy, paid in full by the person)

  friend bool operator==(const Bill&, const Bill&) = default;
};

// What the person paid: cash + personal account.
Fen personal_total(const Bill& bill);
// personal_total minus the fully self-paid items, never below zero.
Fen personal_in_policy(const Bill& bill);

// "inpatient", "outpatient_chronic", "outpatient": the names used in JSON, TOML and SQL.
std::string_view to_string(VisitType type);
std::optional<VisitType> parse_visit_type(std::string_view text);
// "住院", "门诊慢特病", "普通门诊": for the screen and the receipt.
std::string_view display_name_zh(VisitType type);

}  // namespace kiosk::core
