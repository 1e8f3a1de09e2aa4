// Any JSON as a claim, checked against a member with two settlement records and the demo
// rules. The input may also carry the server's side: "fuzz_history" ([plan, year, eligible,
// benefit] with any int64 values), "fuzz_rules" (benefit_rules) and "fuzz_member" (a member
// record). The checker must answer accepted or a reason, never crash, overflow (UBSan traps
// signed overflow) or wrap an amount; an accepted claim's estimate must stay within the
// rules' caps.
#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "server/claims.h"
#include "server/rules_json.h"

namespace {
using nlohmann::json;

json bill(const char* id, kiosk::core::VisitType visit, const char* admitted,
          const char* discharged, kiosk::core::Fen total, kiosk::core::Fen fund,
          kiosk::core::Fen account, kiosk::core::Fen cash, kiosk::core::Fen self) {
  return server::to_json(
      kiosk::core::Bill{id, "深圳市人民医院", visit, *kiosk::core::parse_date(admitted),
                        *kiosk::core::parse_date(discharged), total, fund, account, cash, self});
}

const json& default_member() {
  static const json member = {
      {"member", {{"id_number", "440306198805122236"}, {"name", "张伟"}}},
      {"enrolments", json::array()},
      {"bills",
       json::array({bill("SZ-2026-000123", kiosk::core::VisitType::inpatient, "2026-10-08",
                         "2026-10-15", 1'856'000, 1'205'000, 80'000, 571'000, 46'000),
                    bill("SZ-2026-000456", kiosk::core::VisitType::outpatient_chronic, "2026-11-02",
                         "2026-11-02", 10'000'000'000, 0, 0, 10'000'000'000, 0)})}};
  return member;
}

const json& default_rules() {
  static const json rules = json::parse(R"({"version": "fuzz", "plans": [
    {"id": "inpatient", "name": "住院", "visit_types": ["inpatient"],
     "base": "personal_in_policy", "deductible_fen": 100000, "annual_cap_fen": 5000000,
     "bands": [{"up_to_fen": 1000000, "rate_percent": 50}, {"up_to_fen": null, "rate_percent": 60}]},
    {"id": "outpatient_chronic", "name": "门诊慢特病", "visit_types": ["outpatient_chronic", "inpatient"],
     "base": "personal_total", "deductible_fen": 0, "annual_cap_fen": 10000000000,
     "bands": [{"up_to_fen": null, "rate_percent": 100}]}]})");
  return rules;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json input = json::parse(data, data + size, nullptr, false);
  if (input.is_discarded()) return 0;

  server::ClaimFacts facts;
  facts.member = default_member();
  const json* rules = &default_rules();
  if (input.is_object()) {
    if (auto it = input.find("fuzz_member"); it != input.end()) {
      facts.member = it->is_null() ? std::nullopt : std::optional<json>(*it);
    }
    if (auto it = input.find("fuzz_rules"); it != input.end()) rules = &*it;
    if (auto it = input.find("fuzz_history"); it != input.end() && it->is_array()) {
      for (const auto& h : *it) {
        if (!h.is_array() || h.size() != 4 || !h[0].is_string() || !h[1].is_number_integer() ||
            !h[2].is_number_integer() || !h[3].is_number_integer()) {
          continue;
        }
        // The server's own figures: any int64, as a damaged store could hold.
        facts.history.push_back({h[0].get<std::string>(), h[1].get<int>(), h[2].get<std::int64_t>(),
                                 h[3].get<std::int64_t>()});
      }
      (void)server::sum_history(facts.history);
    }
  }
  facts.rules = server::rules_from_json(*rules);
  if (!facts.rules) return 0;

  auto checked = server::check_claim(input, facts);
  if (!checked) {
    if (checked.error().empty()) __builtin_trap();  // a refusal always says why
    return 0;
  }
  std::int64_t total = 0;
  for (const auto& plan : checked->estimate.plans) {
    const kiosk::core::Plan* rule = nullptr;
    for (const auto& p : facts.rules->plans) {
      if (p.id == plan.plan) rule = &p;
    }
    if (rule == nullptr || plan.benefit_fen < 0 || plan.eligible_fen < 0 ||
        plan.benefit_fen > rule->annual_cap_fen) {
      __builtin_trap();
    }
    total += plan.benefit_fen;
  }
  if (total != checked->estimate.total_benefit_fen || checked->bills.empty()) __builtin_trap();
  return 0;
}
