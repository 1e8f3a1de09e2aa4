#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "kiosk/api/claim_json.h"
#include "kiosk/api/estimate_json.h"
#include "samples.h"

using namespace kiosk;

TEST_CASE("estimate: one shape, the display fields only where they are kept") {
  const core::Estimate estimate{{{"inpatient", "住院医疗互助", 2026, 525000, 262500, {"a", "b"}},
                                 {"outpatient", "门诊", 2025, 1000, 300, {}}},
                                262800};
  const auto contract = api::estimate_to_json(estimate, api::EstimateFields::contract);
  CHECK(contract.dump() ==
        R"({"total_benefit_fen":262800,"plans":[{"plan":"inpatient","year":2026,)"
        R"("eligible_fen":525000,"benefit_fen":262500},{"plan":"outpatient","year":2025,)"
        R"("eligible_fen":1000,"benefit_fen":300}]})");
  auto from_contract = api::estimate_from_json(nlohmann::json::parse(contract.dump()));
  REQUIRE(from_contract.has_value());
  CHECK(from_contract->plans.at(0).plan_name.empty());
  CHECK(from_contract->total_benefit_fen == 262800);

  const auto full = api::estimate_to_json(estimate, api::EstimateFields::with_display);
  auto back = api::estimate_from_json(nlohmann::json::parse(full.dump()));
  REQUIRE(back.has_value());
  CHECK(*back == estimate);

  // The contract shape is what the claim request carries, and it passes the schema there.
  core::Claim claim = test::example_claim();
  claim.estimate = estimate;
  auto request = nlohmann::ordered_json::parse(api::claim_request_body(claim));
  CHECK(request["estimate"] == contract);
  CHECK(test::schema_violation(request, "ClaimRequest") == "");
  claim.wipe();
}

TEST_CASE("estimate: bad plans are refused with the entry and field") {
  auto message = [](std::string_view text) {
    auto read = api::estimate_from_json(nlohmann::json::parse(text));
    return read ? std::string("no error") : read.error();
  };
  CHECK(message(R"({"plans": []})") == "total_benefit_fen is missing");
  CHECK(message(R"({"total_benefit_fen": 1})") == "plans must be a list");
  CHECK(message(R"({"total_benefit_fen": 1, "plans": [{"plan": "p", "year": 2026,
      "eligible_fen": 1}]})") == "plans[0]: benefit_fen is missing");
  CHECK(message(R"({"total_benefit_fen": 1, "plans": [{"plan": "p", "year": 20260,
      "eligible_fen": 1, "benefit_fen": 1}]})")
            .starts_with("plans[0]: year must be"));
  CHECK(message(R"({"total_benefit_fen": 1, "plans": [{"plan": "p", "year": 2026,
      "eligible_fen": 1, "benefit_fen": 1, "explanation": [1]}]})") ==
        "plans[0]: explanation must be a list of lines");
}

TEST_CASE("plan usage: written to the contract's PlanUsage and read back") {
  const core::PlanHistory usage{"inpatient", 2026, 30'000'000'000,
                                100};  // a sum may pass one amount's cap
  const auto json = api::plan_usage_to_json(usage);
  CHECK(test::schema_violation(json, "PlanUsage") == "");
  auto back = api::plan_usage_from_json(nlohmann::json::parse(json.dump()));
  REQUIRE(back.has_value());
  CHECK(*back == usage);

  auto history = api::history_from_json(nlohmann::json::parse(
      R"([{"plan": "a", "year": 2026, "eligible_fen": 1, "benefit_fen": 0},
          {"plan": "b", "year": 2026, "eligible_fen": -1, "benefit_fen": 0}])"));
  REQUIRE_FALSE(history.has_value());
  CHECK(history.error().starts_with("history[1]: eligible_fen must be 0 to"));
  CHECK(api::history_from_json(nlohmann::json::object()).error() == "history must be a list");
}
