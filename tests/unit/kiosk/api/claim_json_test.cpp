#include <catch2/catch.hpp>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "kiosk/api/claim_json.h"
#include "kiosk/core/date.h"
#include "samples.h"

using namespace kiosk;

TEST_CASE("claim request: the API's example claim, key for key, valid against the contract") {
  core::Claim claim = test::example_claim();
  const std::string body = api::claim_request_body(claim);
  const auto example =
      nlohmann::json::parse(test::read_source_file("deploy/api/examples/claim.json"));
  CHECK(nlohmann::json::parse(body) == example);
  CHECK(test::schema_violation(nlohmann::ordered_json::parse(body), "ClaimRequest") == "");
  // Built twice, byte for byte the same: retries must be identical.
  CHECK(api::claim_request_body(claim) == body);
  CHECK(body.starts_with(R"({"claim_uuid":"3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b","terminal_id")"));
  // The display fields of the estimate stay on the kiosk: the contract has no room for them.
  CHECK(body.find("explanation") == std::string::npos);
  CHECK(body.find("plan_name") == std::string::npos);
  claim.wipe();
}

TEST_CASE("claim request: the schema check can fail (a claim without bills is refused)") {
  core::Claim claim = test::example_claim();
  claim.bills.clear();
  const auto body = nlohmann::ordered_json::parse(api::claim_request_body(claim));
  CHECK(test::schema_violation(body, "ClaimRequest").find("bills") != std::string::npos);
  claim.wipe();
}

TEST_CASE("claim record: written to the contract and read back") {
  api::ClaimRecord record;
  record.claim_uuid = "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b";
  record.terminal_id = "DEMO-0001";
  record.status = core::ClaimStatus::rejected;
  record.reason = "发票重复";
  record.received_at = core::parse_rfc3339("2026-11-28T10:15:31+08:00").value();
  record.updated_at = core::parse_rfc3339("2026-11-29T09:00:00+08:00").value();
  const auto json = api::claim_record_to_json(record);
  CHECK(test::schema_violation(json, "ClaimRecord") == "");
  auto back = api::claim_record_from_json(nlohmann::json::parse(json.dump()));
  REQUIRE(back.has_value());
  CHECK(back->claim_uuid == record.claim_uuid);
  CHECK(back->terminal_id == record.terminal_id);
  CHECK(back->status == core::ClaimStatus::rejected);
  CHECK(back->reason == record.reason);
  CHECK(back->received_at == record.received_at);
  CHECK(back->updated_at == record.updated_at);

  record.reason.reset();
  CHECK(test::schema_violation(api::claim_record_to_json(record), "ClaimRecord") == "");
}

TEST_CASE("claim record: an unknown status or a missing field is refused, with the field") {
  auto message = [](std::string_view text) {
    auto read = api::claim_record_from_json(nlohmann::json::parse(text));
    return read ? std::string("no error") : read.error();
  };
  CHECK(message(R"({"claim_uuid": "u", "terminal_id": "t", "status": "lost"})").find("status") !=
        std::string::npos);
  CHECK(message(R"({"claim_uuid": "u", "status": "paid"})").find("terminal_id is missing") !=
        std::string::npos);
  CHECK(message(R"({"claim_uuid": 5, "terminal_id": "t", "status": "paid"})")
            .find("claim_uuid must be a string") != std::string::npos);
  CHECK(message("[]").find("not an object") != std::string::npos);
  // Times are informative: a bad one leaves the record readable, without the time.
  auto read = api::claim_record_from_json(nlohmann::json::parse(
      R"({"claim_uuid": "u", "terminal_id": "t", "status": "paid", "reason": null,
          "received_at": "yesterday"})"));
  REQUIRE(read.has_value());
  CHECK(read->status == core::ClaimStatus::paid);
  CHECK_FALSE(read->reason.has_value());
  CHECK_FALSE(read->received_at.has_value());
}

TEST_CASE("claim record: a time outside 1970 to 2200 is left out, not overflowed") {
  // Found by the fuzzer: year 1013 overflowed the nanosecond clock in parse_rfc3339.
  auto read = api::claim_record_from_json(nlohmann::json::parse(
      R"({"claim_uuid": "u", "terminal_id": "t", "status": "rejected", "reason": "x",
          "received_at": "1013-11-28T10:15:31+08:00", "updated_at": "2026-11-29T09:00:05Z"})"));
  REQUIRE(read.has_value());
  CHECK_FALSE(read->received_at.has_value());
  CHECK(read->updated_at == core::parse_rfc3339("2026-11-29T09:00:05Z").value());
}

TEST_CASE("claim record: a refusal's reason is text or null, anything else is refused") {
  auto read = [](std::string_view reason) {
    return api::claim_record_from_json(nlohmann::json::parse(fmt::format(
        R"({{"claim_uuid": "u", "terminal_id": "t", "status": "rejected", "reason": {}}})",
        reason)));
  };
  auto text = read(R"("发票重复，请补交原件")");
  REQUIRE(text.has_value());
  CHECK(text->reason == "发票重复，请补交原件");
  auto null = read("null");
  REQUIRE(null.has_value());
  CHECK_FALSE(null->reason.has_value());
  for (std::string_view wrong : {"7", R"({"text": "x"})", R"(["x"])", "true"}) {
    auto refused = read(wrong);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error() == "reason must be text or null");
  }
}
