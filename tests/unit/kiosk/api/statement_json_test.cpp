#include <catch2/catch.hpp>

#include "kiosk/api/statement_json.h"
#include "samples.h"

using namespace kiosk;
using namespace std::chrono;

namespace {
api::StatementRegistration sample() {
  api::StatementRegistration s;
  s.number = "ST-28T5-CY4T-QKFF-03X5";
  s.terminal_id = "DEMO-0001";
  s.member_id_hash = std::string(64, 'a');
  s.masked_name = "张**";
  s.period_from = 2026y / January / 1;
  s.period_to = 2026y / December / 31;
  s.totals = {2, 10'000'00, 6'000'00, 4'000'00};
  s.printed_at = sys_days{2026y / November / 29} + hours{1} + minutes{30};
  return s;
}
}  // namespace

TEST_CASE("a statement registration is written as the contract's StatementRegistration") {
  auto json = api::statement_registration_to_json(sample());
  CHECK(test::schema_violation(json, "StatementRegistration") == "");
  CHECK(json["period"]["from"] == "2026-01-01");
  CHECK(json["record_count"] == 2);
  CHECK(json["totals"]["personal_fen"] == 400000);
  CHECK(json["printed_at"] == "2026-11-29T09:30:00+08:00");
}

TEST_CASE("a registration with an unmasked name or a short hash breaks the contract") {
  auto unmasked = sample();
  unmasked.masked_name = "张三丰";
  CHECK(test::schema_violation(api::statement_registration_to_json(unmasked),
                               "StatementRegistration") != "");
  auto short_hash = sample();
  short_hash.member_id_hash = "abc";
  CHECK(test::schema_violation(api::statement_registration_to_json(short_hash),
                               "StatementRegistration") != "");
}
