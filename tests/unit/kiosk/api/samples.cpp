#include "samples.h"

#include <fstream>
#include <sstream>

#include "kiosk/core/date.h"
#include "server/json_schema.h"

namespace test {

kiosk::core::Claim example_claim() {
  using namespace kiosk;
  core::Claim claim;
  claim.uuid = "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b";
  claim.terminal_id = "DEMO-0001";
  claim.sequence = 1;
  claim.created_at = core::parse_rfc3339("2026-11-28T10:15:30+08:00").value();
  claim.member.id_number = core::Secret("440306198805122236");
  claim.member.name = core::Secret("张伟");
  claim.member.phone = core::Secret("13812345678");
  claim.bank_account = core::Secret("6222021234567890123");
  core::Bill bill;
  bill.id = "SZ-2026-000123";
  bill.institution = "深圳市人民医院";
  bill.visit_type = core::VisitType::inpatient;
  bill.admitted = core::parse_date("2026-10-08").value();
  bill.discharged = core::parse_date("2026-10-15").value();
  bill.total_fen = 1856000;
  bill.fund_paid_fen = 1205000;
  bill.account_paid_fen = 80000;
  bill.cash_paid_fen = 571000;
  bill.self_pay_full_fen = 46000;
  claim.bills.push_back(bill);
  claim.estimate.total_benefit_fen = 262500;
  claim.estimate.plans.push_back({"inpatient_mutual_aid", "住院", 2026, 525000, 262500, {"x"}});
  claim.commitment = {"2026.1", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                      core::parse_rfc3339("2026-11-28T10:15:02+08:00").value()};
  return claim;
}

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string schema_violation(const nlohmann::ordered_json& value, const char* def_name) {
  // The checker reads plain json; the dump keeps every value as written.
  auto ok = server::api_schemas().validate(nlohmann::json::parse(value.dump()), def_name);
  return ok ? std::string() : ok.error();
}

}  // namespace test
