#pragma once
// One member with two settlement records, the benefit rules of the demo config, and a claim
// for the first record as an honest kiosk would send it (deploy/api/examples/claim.json with
// that record and the estimate worked out by hand: 605,000 eligible, 252,500 benefit).
#include <nlohmann/json.hpp>

namespace server::test {

inline constexpr const char* kIdNumber = "440306198805122236";
inline constexpr const char* kOtherIdNumber = "11010519491231002X";
inline constexpr const char* kBankAccount = "6222021234567890123";
inline constexpr const char* kPhone = "13812345678";

inline nlohmann::json first_bill() {
  return {{"id", "SZ-2026-000123"},     {"institution", "深圳市人民医院"},
          {"visit_type", "inpatient"},  {"admitted", "2026-10-08"},
          {"discharged", "2026-10-15"}, {"total_fen", 1'856'000},
          {"fund_paid_fen", 1'205'000}, {"account_paid_fen", 80'000},
          {"cash_paid_fen", 571'000},   {"self_pay_full_fen", 46'000}};
}

inline nlohmann::json second_bill() {
  return {{"id", "SZ-2026-000456"},     {"institution", "深圳市人民医院"},
          {"visit_type", "inpatient"},  {"admitted", "2026-11-02"},
          {"discharged", "2026-11-09"}, {"total_fen", 900'000},
          {"fund_paid_fen", 600'000},   {"account_paid_fen", 0},
          {"cash_paid_fen", 300'000},   {"self_pay_full_fen", 0}};
}

inline nlohmann::json member_record(const char* id_number = kIdNumber) {
  return {{"member",
           {{"id_number", id_number},
            {"name", "张伟"},
            {"phone", kPhone},
            {"union_name", "示范区总工会"}}},
          {"enrolments", nlohmann::json::array({{{"plan", "inpatient"}, {"year", 2026}}})},
          {"bills", nlohmann::json::array({first_bill(), second_bill()})}};
}

inline nlohmann::json rules_json() {
  return nlohmann::json::parse(R"({
    "version": "2026.1",
    "plans": [
      {"id": "inpatient", "name": "住院医疗互助", "visit_types": ["inpatient"],
       "base": "personal_in_policy", "deductible_fen": 100000, "annual_cap_fen": 5000000,
       "bands": [{"up_to_fen": 1000000, "rate_percent": 50},
                 {"up_to_fen": null, "rate_percent": 60}]},
      {"id": "outpatient_chronic", "name": "门诊慢特病医疗互助",
       "visit_types": ["outpatient_chronic"], "base": "personal_in_policy",
       "deductible_fen": 20000, "annual_cap_fen": 500000,
       "bands": [{"up_to_fen": null, "rate_percent": 40}]}]})");
}

inline nlohmann::json config_json() {
  return {{"version", "test-1"},
          {"benefit_rules", rules_json()},
          {"notices", nlohmann::json::array()},
          {"staff_pin_hashes", nlohmann::json::array()}};
}

inline nlohmann::json claim_json(const char* uuid = "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b") {
  return {
      {"claim_uuid", uuid},
      {"terminal_id", "DEMO-0001"},
      {"sequence", 1},
      {"created_at", "2026-11-28T10:15:30+08:00"},
      {"member", {{"id_number", kIdNumber}, {"name", "张伟"}, {"phone", kPhone}}},
      {"bank_account", kBankAccount},
      {"bills", nlohmann::json::array({first_bill()})},
      {"estimate",
       {{"total_benefit_fen", 252'500},
        {"plans", nlohmann::json::array({{{"plan", "inpatient"},
                                          {"year", 2026},
                                          {"eligible_fen", 605'000},
                                          {"benefit_fen", 252'500}}})}}},
      {"commitment",
       {{"text_version", "2026.1"},
        {"signature_sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
        {"accepted_at", "2026-11-28T10:15:02+08:00"}}}};
}

}  // namespace server::test
