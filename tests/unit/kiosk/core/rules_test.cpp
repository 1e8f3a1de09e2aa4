// Rule tables computed by hand. Plan "inpatient" below: deductible 500.00, first 10,000.00
// above it at 50 %, the rest at 70 %, at most 80,000.00 a year, base personal_in_policy.
#include <catch2/catch.hpp>

#include "kiosk/core/rules.h"

using namespace kiosk::core;

namespace {
Plan inpatient_plan() {
  Plan plan;
  plan.id = "inpatient";
  plan.name = "住院医疗互助";
  plan.visit_types = {VisitType::inpatient};
  plan.base = Base::personal_in_policy;
  plan.deductible_fen = 50000;
  plan.annual_cap_fen = 8000000;
  plan.bands = {{1000000, 50}, {std::nullopt, 70}};
  return plan;
}

Rules rules_of(std::vector<Plan> plans) { return Rules{"test", std::move(plans)}; }

Bill bill(std::string id, VisitType type, int year, unsigned month, unsigned day, Fen cash,
          Fen account, Fen self_pay_full) {
  Bill b;
  b.id = std::move(id);
  b.visit_type = type;
  b.discharged = std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day};
  b.admitted = b.discharged;
  b.cash_paid_fen = cash;
  b.account_paid_fen = account;
  b.self_pay_full_fen = self_pay_full;
  b.total_fen = cash + account;
  return b;
}

Bill inpatient(Fen base, int year = 2024) {
  return bill("B", VisitType::inpatient, year, 6, 1, base, 0, 0);
}

bool mentions(const PlanEstimate& p, std::string_view text) {
  for (const auto& line : p.explanation) {
    if (line.find(text) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("rules: below the deductible nothing is paid, crossing it pays the part above") {
  const Rules rules = rules_of({inpatient_plan()});
  // 400.00 of a 500.00 deductible: all of it is deductible.
  std::vector<Bill> one = {inpatient(40000)};
  auto e = estimate_benefits(rules, one, {});
  REQUIRE(e.plans.size() == 1);
  CHECK(e.plans[0].eligible_fen == 40000);
  CHECK(e.plans[0].benefit_fen == 0);
  CHECK(mentions(e.plans[0], "本次扣除 400.00 元"));
  // Two bills in one claim: 400.00 + 300.00 = 700.00; 500.00 deductible; 200.00 x 50 % = 100.00.
  std::vector<Bill> two = {inpatient(40000), inpatient(30000)};
  e = estimate_benefits(rules, two, {});
  REQUIRE(e.plans.size() == 1);
  CHECK(e.plans[0].eligible_fen == 70000);
  CHECK(e.plans[0].benefit_fen == 10000);
  CHECK(e.total_benefit_fen == 10000);
  CHECK(mentions(e.plans[0], "本次扣除 500.00 元"));
}

TEST_CASE("rules: band crossing splits the amount at the band limit") {
  // cash 12,000 + account 1,000 - fully self-paid 500 = 12,500 in policy.
  // 12,500 - 500 deductible = 12,000 above: 10,000 x 50 % = 5,000; 2,000 x 70 % = 1,400.
  std::vector<Bill> bills = {bill("B1", VisitType::inpatient, 2024, 3, 9, 1200000, 100000, 50000)};
  auto e = estimate_benefits(rules_of({inpatient_plan()}), bills, {});
  REQUIRE(e.plans.size() == 1);
  CHECK(e.plans[0].eligible_fen == 1250000);
  CHECK(e.plans[0].benefit_fen == 640000);
  CHECK(mentions(e.plans[0], "10,000.00 元 × 50%"));
  CHECK(mentions(e.plans[0], "2,000.00 元 × 70%"));
}

TEST_CASE("rules: the annual cap cuts the year's benefit") {
  // 200,500 in policy: 200,000 above: 10,000 x 50 % + 190,000 x 70 % = 138,000 > cap 80,000.
  std::vector<Bill> bills = {inpatient(20050000)};
  auto e = estimate_benefits(rules_of({inpatient_plan()}), bills, {});
  REQUIRE(e.plans.size() == 1);
  CHECK(e.plans[0].benefit_fen == 8000000);
  CHECK(mentions(e.plans[0], "核减 58,000.00 元"));
}

TEST_CASE("rules: history from an earlier claim moves the starting point") {
  const Rules rules = rules_of({inpatient_plan()});
  std::vector<Bill> bills = {inpatient(30000)};
  // 400 used before: 100 more deductible, then 200 x 50 % = 100.
  std::vector<PlanHistory> before = {{"inpatient", 2024, 40000, 0}};
  auto e = estimate_benefits(rules, bills, before);
  CHECK(e.plans.at(0).benefit_fen == 10000);
  CHECK(mentions(e.plans[0], "本次扣除 100.00 元"));
  // 10,000 used before (9,500 above the deductible, paid 4,750); 1,000 more:
  // 500 at 50 % + 500 at 70 % = 600.
  bills = {inpatient(100000)};
  before = {{"inpatient", 2024, 1000000, 475000}};
  e = estimate_benefits(rules, bills, before);
  CHECK(e.plans.at(0).benefit_fen == 60000);
  CHECK(mentions(e.plans[0], "此前已扣满"));
  // Same, but earlier claims already received 79,900 of the 80,000 cap: 100 is left.
  before = {{"inpatient", 2024, 1000000, 7990000}};
  e = estimate_benefits(rules, bills, before);
  CHECK(e.plans.at(0).benefit_fen == 10000);
  // History of another year or plan changes nothing.
  before = {{"inpatient", 2023, 1000000, 7990000}, {"chronic", 2024, 1000000, 0}};
  e = estimate_benefits(rules, bills, before);
  CHECK(e.plans.at(0).benefit_fen == 25000);  // 1,000 - 500 deductible = 500 x 50 %
}

TEST_CASE("rules: a claim spanning two years is computed per year") {
  std::vector<Bill> bills = {bill("A", VisitType::inpatient, 2023, 12, 30, 60000, 0, 0),
                             bill("B", VisitType::inpatient, 2024, 1, 5, 60000, 0, 0)};
  std::vector<PlanHistory> before = {{"inpatient", 2023, 50000, 0}};
  auto e = estimate_benefits(rules_of({inpatient_plan()}), bills, before);
  REQUIRE(e.plans.size() == 2);
  CHECK(e.plans[0].year == 2023);
  CHECK(e.plans[0].benefit_fen == 30000);  // deductible already used: 600 x 50 %
  CHECK(e.plans[1].year == 2024);
  CHECK(e.plans[1].benefit_fen == 5000);   // 600 - 500 = 100 x 50 %
  CHECK(e.total_benefit_fen == 35000);
}

TEST_CASE("rules: fully self-paid items above what was paid leave nothing in policy") {
  // cash 200 + account 50 = 250 paid; 400 fully self-paid: in policy 0, never negative.
  std::vector<Bill> bills = {bill("C", VisitType::inpatient, 2024, 2, 1, 20000, 5000, 40000),
                             inpatient(60000)};
  auto e = estimate_benefits(rules_of({inpatient_plan()}), bills, {});
  CHECK(e.plans.at(0).eligible_fen == 60000);
  CHECK(e.plans.at(0).benefit_fen == 5000);
  // The personal_total base ignores the self-paid items: 250 + 600 = 850 - 500 = 350 x 50 %.
  Plan total = inpatient_plan();
  total.base = Base::personal_total;
  e = estimate_benefits(rules_of({total}), bills, {});
  CHECK(e.plans.at(0).eligible_fen == 85000);
  CHECK(e.plans.at(0).benefit_fen == 17500);
}

TEST_CASE("rules: benefit is the floor of the sum, not the sum of floors") {
  Plan plan = inpatient_plan();
  plan.deductible_fen = 0;
  plan.bands = {{1, 50}, {std::nullopt, 50}};
  std::vector<Bill> bills = {inpatient(2)};
  // 1 x 50 + 1 x 50 = 100 -> 1 fen (floors per band would give 0).
  CHECK(estimate_benefits(rules_of({plan}), bills, {}).total_benefit_fen == 1);
  bills = {inpatient(3)};
  CHECK(estimate_benefits(rules_of({plan}), bills, {}).total_benefit_fen == 1);  // 1.5 -> 1
}

TEST_CASE("rules: plans, visit types, and amounts beyond the last limited band") {
  Plan chronic{"chronic", "门诊慢特病医疗互助", {VisitType::outpatient_chronic},
               Base::personal_in_policy, 100000, 1000000, {{std::nullopt, 40}}};
  Plan outpatient{"outpatient", "普通门诊医疗互助", {VisitType::outpatient, VisitType::outpatient_chronic},
                  Base::personal_total, 200000, 200000, {{300000, 30}, {800000, 40}}};
  std::vector<Bill> bills = {bill("D", VisitType::outpatient_chronic, 2024, 4, 1, 300000, 0, 0),
                             bill("E", VisitType::outpatient, 2024, 4, 2, 1700000, 0, 0),
                             bill("F", VisitType::inpatient, 2024, 4, 3, 900000, 0, 0)};
  auto e = estimate_benefits(rules_of({inpatient_plan(), chronic, outpatient}), bills, {});
  REQUIRE(e.plans.size() == 3);
  // inpatient: 9,000 - 500 = 8,500 x 50 % = 4,250.
  CHECK(e.plans[0].plan == "inpatient");
  CHECK(e.plans[0].benefit_fen == 425000);
  // chronic: 3,000 - 1,000 = 2,000 x 40 % = 800.
  CHECK(e.plans[1].plan == "chronic");
  CHECK(e.plans[1].benefit_fen == 80000);
  // outpatient counts D and E: 20,000 - 2,000 = 18,000 above: 3,000 x 30 % + 5,000 x 40 %
  // = 2,900; the 10,000 beyond the last band pays nothing; the cap of 2,000 cuts it.
  CHECK(e.plans[2].plan == "outpatient");
  CHECK(e.plans[2].eligible_fen == 2000000);
  CHECK(e.plans[2].benefit_fen == 200000);
  CHECK(mentions(e.plans[2], "不予支付"));
  CHECK(e.total_benefit_fen == 425000 + 80000 + 200000);
  // A bill no plan lists gives no entry.
  Rules only_chronic = rules_of({chronic});
  std::vector<Bill> inpatient_only = {inpatient(100000)};
  CHECK(estimate_benefits(only_chronic, inpatient_only, {}).plans.empty());
}

TEST_CASE("check_rules names the plan and the problem") {
  CHECK(check_rules(rules_of({inpatient_plan()})).has_value());
  CHECK_FALSE(check_rules(rules_of({})).has_value());
  Plan bad = inpatient_plan();
  bad.bands = {{1000000, 50}, {500000, 70}};
  auto error = check_rules(rules_of({bad})).error();
  CHECK(error.find("plan 'inpatient'") != std::string::npos);
  CHECK(error.find("band 2") != std::string::npos);
  bad = inpatient_plan();
  bad.bands = {{std::nullopt, 50}, {500000, 70}};
  CHECK_FALSE(check_rules(rules_of({bad})).has_value());
  bad = inpatient_plan();
  bad.bands[0].rate_percent = 101;
  CHECK_FALSE(check_rules(rules_of({bad})).has_value());
  bad = inpatient_plan();
  bad.deductible_fen = -1;
  CHECK_FALSE(check_rules(rules_of({bad})).has_value());
  CHECK_FALSE(check_rules(rules_of({inpatient_plan(), inpatient_plan()})).has_value());
  bad = inpatient_plan();
  bad.visit_types.clear();
  CHECK_FALSE(check_rules(rules_of({bad})).has_value());
}
