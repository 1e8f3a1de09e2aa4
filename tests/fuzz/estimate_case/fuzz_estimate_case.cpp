// The CASE.json of `kioskctl rules estimate` (bills and history from outside): any bytes give
// a case whose bills pass check_bill, or an error; estimates from it stay within the rules.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/core/rules.h"
#include "kiosk/store/estimate_case.h"

namespace {
kiosk::core::Rules fuzz_rules() {
  using namespace kiosk::core;
  return Rules{"fuzz",
               {Plan{"inpatient", "住院", {VisitType::inpatient}, Base::personal_in_policy, 50000,
                     8000000, {{1000000, 50}, {std::nullopt, 70}}},
                Plan{"all", "全部", {VisitType::inpatient, VisitType::outpatient, VisitType::outpatient_chronic},
                     Base::personal_total, 0, kMaxAmountFen, {{300000, 30}, {800000, 100}}}}};
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto input = kiosk::store::parse_estimate_case(text);
  if (!input) {
    if (input.error().message.empty()) std::abort();
    return 0;
  }
  for (const auto& bill : input->bills) {
    if (!kiosk::core::check_bill(bill)) std::abort();
  }
  static const auto rules = fuzz_rules();
  const auto estimate = kiosk::core::estimate_benefits(rules, input->bills, input->history);
  kiosk::core::Fen total = 0;
  for (const auto& plan : estimate.plans) {
    if (plan.benefit_fen < 0 || plan.benefit_fen > plan.eligible_fen) std::abort();
    total += plan.benefit_fen;
  }
  if (total != estimate.total_benefit_fen) std::abort();
  if (kiosk::store::estimate_to_json(estimate).empty()) std::abort();
  return 0;
}
