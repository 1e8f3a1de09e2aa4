#include <catch2/catch.hpp>

#include "kiosk/store/estimate_case.h"
#include "kiosk/store/rules_toml.h"

using namespace kiosk;

namespace {
std::string error_of(std::string_view toml) {
  auto rules = store::parse_rules_toml(toml, "t.toml");
  return rules ? std::string("no error") : rules.error().message;
}

constexpr std::string_view kPlan = R"(
[[plan]]
id = "inpatient"
name = "住院医疗互助"
visit_types = ["inpatient"]
base = "personal_in_policy"
deductible_fen = 50000
annual_cap_fen = 8000000
[[plan.band]]
up_to_fen = 1000000
rate_percent = 50
[[plan.band]]
rate_percent = 70
)";
}  // namespace

TEST_CASE("rules TOML: the example file in assets loads") {
  auto rules = store::load_rules_file(std::string(KIOSK_SOURCE_DIR) + "/assets/rules/mutual-aid.toml");
  REQUIRE(rules.has_value());
  CHECK(rules->version == "example-2026.1");
  REQUIRE(rules->plans.size() == 3);
  const core::Plan& p = rules->plans[0];
  CHECK(p.id == "inpatient");
  CHECK(p.name == "住院医疗互助");
  CHECK(p.visit_types == std::vector{core::VisitType::inpatient});
  CHECK(p.base == core::Base::personal_in_policy);
  CHECK(p.deductible_fen == 50000);
  CHECK(p.annual_cap_fen == 8000000);
  CHECK(p.bands == std::vector<core::Band>{{1000000, 50}, {std::nullopt, 70}});
  CHECK(rules->plans[2].base == core::Base::personal_total);
  CHECK_FALSE(store::load_rules_file("/nonexistent/rules.toml").has_value());
}

TEST_CASE("rules TOML: mistakes are named with the plan and key") {
  CHECK(error_of(kPlan) == "no error");
  CHECK(error_of("[[plan]\n").find("t.toml: line 1") != std::string::npos);
  CHECK(error_of("").find("no [[plan]]") != std::string::npos);
  std::string text(kPlan);
  CHECK(error_of(text + "colour = 1\n").find("unknown key 'colour'") != std::string::npos);
  auto replaced = [&](std::string_view from, std::string_view to) {
    std::string copy(kPlan);
    copy.replace(copy.find(from), from.size(), to);
    return error_of(copy);
  };
  CHECK(replaced("rate_percent = 50", "rate_percnt = 50").find("band 1: unknown key 'rate_percnt'") !=
        std::string::npos);
  CHECK(replaced("rate_percent = 50", "rate_percent = 50.5").find("rate_percent") != std::string::npos);
  CHECK(replaced("deductible_fen = 50000", "deductible_fen = \"500\"").find("plan 'inpatient': deductible_fen") !=
        std::string::npos);
  CHECK(replaced("\"inpatient\"]", "\"dental\"]").find("visit_types") != std::string::npos);
  CHECK(replaced("personal_in_policy", "everything").find("base") != std::string::npos);
  CHECK(replaced("up_to_fen = 1000000", "up_to_fen = -5").find("band 1") != std::string::npos);
  CHECK(error_of(text + text).find("used by an earlier plan") != std::string::npos);
}

TEST_CASE("estimate case JSON: parsed strictly, printed in the documented shape") {
  auto parsed = store::parse_estimate_case(R"({"bills": [{"id": "B1", "visit_type": "inpatient",
      "discharged": "2024-05-01", "total_fen": 100, "fund_paid_fen": 0, "account_paid_fen": 10,
      "cash_paid_fen": 90, "self_pay_full_fen": 0}],
      "history": [{"plan": "inpatient", "year": 2024, "eligible_fen": 5, "benefit_fen": 1}]})");
  REQUIRE(parsed.has_value());
  CHECK(parsed->bills.at(0).cash_paid_fen == 90);
  CHECK(core::format_date(parsed->bills.at(0).discharged) == "2024-05-01");
  CHECK(parsed->history.at(0) == core::PlanHistory{"inpatient", 2024, 5, 1});

  auto message = [](std::string_view json) {
    auto result = store::parse_estimate_case(json);
    return result ? std::string("no error") : result.error().message;
  };
  CHECK(message("{").find("not valid JSON") != std::string::npos);
  CHECK(message("[]").find("object") != std::string::npos);
  CHECK(message(R"({"bills": [], "extra": 1})").find("unknown key 'extra'") != std::string::npos);
  CHECK(message(R"({"bills": [{"id": "B"}]})").find("bills[0]: visit_type is missing") !=
        std::string::npos);
  CHECK(message(R"({"bills": [{"id": "B", "visit_type": "inpatient", "discharged": "2024-02-30",
      "total_fen": 1, "fund_paid_fen": 0, "account_paid_fen": 0, "cash_paid_fen": 1,
      "self_pay_full_fen": 0}]})").find("calendar date") != std::string::npos);
  CHECK(message(R"({"bills": [{"id": "B", "visit_type": "inpatient", "discharged": "2024-02-03",
      "total_fen": 1.5, "fund_paid_fen": 0, "account_paid_fen": 0, "cash_paid_fen": 1,
      "self_pay_full_fen": 0}]})").find("total_fen must be a whole number") != std::string::npos);
  CHECK(message(R"({"bills": [], "history": [{"plan": "p", "year": 2024, "eligible_fen": -1,
      "benefit_fen": 0}]})").find("history[0]") != std::string::npos);

  core::Estimate estimate{{{"inpatient", "住院", 2024, 100, 50, {"line"}}}, 50};
  CHECK(store::estimate_to_json(estimate) == R"({
  "total_benefit_fen": 50,
  "plans": [
    {
      "plan": "inpatient",
      "year": 2024,
      "eligible_fen": 100,
      "benefit_fen": 50,
      "plan_name": "住院",
      "explanation": [
        "line"
      ]
    }
  ]
})");
}

TEST_CASE("rules TOML: characters Debian's toml++ 3.3 misreads never reach it") {
  // Found by the fuzzer: U+FCFF after a table name made toml++ reach __builtin_unreachable().
  CHECK(error_of("[p\xEF\xB3\xBF").find("line 1: only ASCII is allowed outside quotes") !=
        std::string::npos);
  // A Chinese full stop after a value, in a quoted key, or in a multi-line string.
  std::string text(kPlan);
  CHECK(error_of(text + "annual = 1。\n").find("line 14: only ASCII") != std::string::npos);
  CHECK(error_of("\"键。\" = 1\n").find("U+3002") != std::string::npos);
  CHECK(error_of("a = \"\"\"\\\n\xE3\x80\x82\"\"\"\n").find("U+3002") != std::string::npos);
  CHECK(error_of("a = 'é'\n").find("U+00E9") != std::string::npos);
  // Comments may hold anything; other CJK text in strings is fine.
  CHECK(error_of("# 住院医疗互助，每年。《示例》、é\n" + text) == "no error");
  std::string named(kPlan);
  named.replace(named.find("住院医疗互助"), std::string_view("住院医疗互助").size(), "住院（大病）互助");
  CHECK(error_of(named) == "no error");
  // Quotes and escapes inside strings do not confuse the screen.
  CHECK(error_of("version = \"x\\\"#\" # 。\n" + text) == "no error");
  CHECK(error_of("version = '''it''s'''\n" + text) == "no error");
}
