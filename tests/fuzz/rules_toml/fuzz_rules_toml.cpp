// Benefit rules TOML from outside (a file, the server's config): any bytes must give rules
// that pass check_rules or an error message, and accepted rules must give sane estimates.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "kiosk/core/rules.h"
#include "kiosk/store/rules_toml.h"

namespace {
std::vector<kiosk::core::Bill> sample_bills() {
  using namespace kiosk::core;
  std::vector<Bill> bills;
  const VisitType types[] = {VisitType::inpatient, VisitType::outpatient_chronic, VisitType::outpatient};
  for (int i = 0; i < 6; ++i) {
    Bill b;
    b.id = "F";
    b.visit_type = types[i % 3];
    b.discharged = std::chrono::year{2024 + i % 2} / 3 / 1;
    b.cash_paid_fen = 1000 * (i + 1) * (i + 1) * (i + 1) * 100;
    b.account_paid_fen = 777 * i;
    b.self_pay_full_fen = 5000 * i;
    bills.push_back(b);
  }
  return bills;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rules = kiosk::store::parse_rules_toml(text, "fuzz.toml");
  if (!rules) {
    if (rules.error().message.empty()) std::abort();
    return 0;
  }
  if (!kiosk::core::check_rules(*rules)) std::abort();
  static const auto bills = sample_bills();
  const std::vector<kiosk::core::PlanHistory> history = {{rules->plans[0].id, 2024, 123456, 7890}};
  const auto estimate = kiosk::core::estimate_benefits(*rules, bills, history);
  kiosk::core::Fen total = 0;
  for (const auto& plan : estimate.plans) {
    const auto* rule = &rules->plans[0];
    for (const auto& p : rules->plans) {
      if (p.id == plan.plan) rule = &p;
    }
    // Rates are at most 100 %, and the cap holds.
    if (plan.benefit_fen < 0 || plan.benefit_fen > plan.eligible_fen ||
        plan.benefit_fen > rule->annual_cap_fen || plan.explanation.empty()) {
      std::abort();
    }
    total += plan.benefit_fen;
  }
  if (total != estimate.total_benefit_fen) std::abort();
  return 0;
}
