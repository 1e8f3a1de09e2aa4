#include "kiosk/core/bill.h"

#include <algorithm>

namespace kiosk::core {

Fen personal_total(const Bill& bill) { return bill.cash_paid_fen + bill.account_paid_fen; }

Fen personal_in_policy(const Bill& bill) {
  return std::max<Fen>(0, personal_total(bill) - bill.self_pay_full_fen);
}

std::string_view to_string(VisitType type) {
  switch (type) {
    case VisitType::inpatient: return "inpatient";
    case VisitType::outpatient_chronic: return "outpatient_chronic";
    case VisitType::outpatient: return "outpatient";
  }
  return "outpatient";
}

std::optional<VisitType> parse_visit_type(std::string_view text) {
  for (auto type : {VisitType::inpatient, VisitType::outpatient_chronic, VisitType::outpatient}) {
    if (to_string(type) == text) return type;
  }
  return std::nullopt;
}

std::string_view display_name_zh(VisitType type) {
  switch (type) {
    case VisitType::inpatient: return "住院";
    case VisitType::outpatient_chronic: return "门诊慢特病";
    case VisitType::outpatient: return "普通门诊";
  }
  return "普通门诊";
}

}  // namespace kiosk::core
