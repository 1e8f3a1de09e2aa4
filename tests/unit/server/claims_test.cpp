// The claim checker on its own: amounts at the int64 edges, settlement records that are not
// the member's or were changed, dates that are not dates, and the estimate recomputed with the
// kiosk's engine. Expected figures are worked out by hand from the rules below.
#include <catch2/catch.hpp>

#include <limits>

#include "claim_fixtures.h"
#include "server/claims.h"
#include "server/json_schema.h"
#include "server/rules_json.h"

namespace {
using nlohmann::json;
using namespace server::test;

server::ClaimFacts facts() {
  server::ClaimFacts f;
  f.member = member_record();
  f.rules = server::rules_from_json(rules_json());
  REQUIRE(f.rules);
  return f;
}

std::string refusal(const json& claim, const server::ClaimFacts& f = facts()) {
  auto checked = server::check_claim(claim, f);
  REQUIRE_FALSE(checked);
  return checked.error();
}
}  // namespace

TEST_CASE("amounts at the int64 edges are refused, never wrapped") {
  // 2^64-1 is what nlohmann's get<int64_t> reads as -1.
  for (const char* text : {"18446744073709551615", "9223372036854775808", "9223372036854775807",
                           "9000000000000000000", "10000000001"}) {
    INFO(text);
    auto fen = server::read_fen(json::parse(text), "bills[0].fund_paid_fen");
    REQUIRE_FALSE(fen);
    CHECK(fen.error().find("at most 10000000000 fen") != std::string::npos);
  }
  for (const char* text : {"-1", "-9223372036854775808"}) {
    INFO(text);
    auto fen = server::read_fen(json::parse(text), "x");
    REQUIRE_FALSE(fen);
    CHECK(fen.error().find("negative") != std::string::npos);
  }
  for (const char* text : {"9e18", "1e308", "0.5", "1.0", "\"100\"", "null", "true"}) {
    INFO(text);
    CHECK_FALSE(server::read_fen(json::parse(text), "x"));
  }
  CHECK(server::read_fen(json::parse("10000000000"), "x") == 10'000'000'000);
  CHECK(server::read_fen(json::parse("0"), "x") == 0);
  CHECK(server::read_fen(json(std::int64_t{1'856'000}), "x") == 1'856'000);
}

TEST_CASE("fund_paid_fen of 2^64-1 on a 1,856,000-fen bill is refused naming the field") {
  json claim = claim_json();
  claim["bills"][0]["fund_paid_fen"] = std::numeric_limits<std::uint64_t>::max();
  const std::string why = refusal(claim);
  CHECK(why.find("bills[0].fund_paid_fen") != std::string::npos);
  CHECK(why.find("18446744073709551615") != std::string::npos);
  // The contract says so too: the schema check before the checker refuses it already.
  CHECK(server::api_schemas().validate(claim_json(), "ClaimRequest"));
  auto schema = server::api_schemas().validate(claim, "ClaimRequest");
  REQUIRE_FALSE(schema);
  CHECK(schema.error().find("fund_paid_fen") != std::string::npos);
}

TEST_CASE("a kiosk estimate of 9e18 fen is refused, as integer and as exponent") {
  json claim = claim_json();
  claim["estimate"]["plans"][0]["benefit_fen"] = std::uint64_t{9'000'000'000'000'000'000u};
  CHECK(refusal(claim).find("estimate.plans[0].benefit_fen") != std::string::npos);
  claim["estimate"]["plans"][0]["benefit_fen"] = 9e18;
  CHECK(refusal(claim).find("not a fraction") != std::string::npos);
  claim = claim_json();
  claim["estimate"]["total_benefit_fen"] = -1;
  CHECK(refusal(claim).find("estimate.total_benefit_fen is negative") != std::string::npos);
}

TEST_CASE("the server recomputes the estimate: 605,000 eligible, 252,500 benefit") {
  // personal_in_policy = 571,000 cash + 80,000 account - 46,000 self-paid = 605,000;
  // minus the 100,000 deductible = 505,000 in the 50 % band = 252,500.
  auto checked = server::check_claim(claim_json(), facts());
  REQUIRE(checked);
  REQUIRE(checked->estimate.plans.size() == 1);
  CHECK(checked->estimate.plans[0].plan == "inpatient");
  CHECK(checked->estimate.plans[0].year == 2026);
  CHECK(checked->estimate.plans[0].eligible_fen == 605'000);
  CHECK(checked->estimate.plans[0].benefit_fen == 252'500);
  CHECK(checked->estimate.total_benefit_fen == 252'500);
  CHECK(checked->estimate_differences.empty());
}

TEST_CASE("a kiosk estimate 1 fen off is reported as a difference, the server's result kept") {
  json claim = claim_json();
  claim["estimate"]["plans"][0]["benefit_fen"] = 252'501;
  claim["estimate"]["total_benefit_fen"] = 252'501;
  auto checked = server::check_claim(claim, facts());
  REQUIRE(checked);
  CHECK(checked->estimate.plans[0].benefit_fen == 252'500);
  REQUIRE(checked->estimate_differences.size() == 2);
  CHECK(checked->estimate_differences[0] ==
        "plan inpatient 2026 benefit_fen: kiosk 252501, server 252500");
  CHECK(checked->estimate_differences[1] == "total_benefit_fen: kiosk 252501, server 252500");
  for (const auto& line : checked->estimate_differences) {
    CHECK(line.find(kIdNumber) == std::string::npos);
  }
}

TEST_CASE("history counts: the second bill starts above the first one's 605,000") {
  server::ClaimFacts f = facts();
  f.history = {{"inpatient", 2026, 605'000, 252'500}};
  json claim = claim_json();
  claim["bills"][0] = second_bill();
  // 300,000 more eligible, all in the 50 % band (505,000 -> 805,000 above the deductible).
  auto checked = server::check_claim(claim, f);
  REQUIRE(checked);
  CHECK(checked->estimate.plans[0].eligible_fen == 300'000);
  CHECK(checked->estimate.plans[0].benefit_fen == 150'000);
  // History near the int64 limit neither overflows nor pays: the cap is used up.
  f.history = {{"inpatient", 2026, std::numeric_limits<std::int64_t>::max(),
                std::numeric_limits<std::int64_t>::max()},
               {"inpatient", 2026, std::numeric_limits<std::int64_t>::max(), 1}};
  checked = server::check_claim(claim, f);
  REQUIRE(checked);
  CHECK(checked->estimate.plans[0].benefit_fen == 0);
}

TEST_CASE("settlement records must be the member's own, unchanged and not claimed before") {
  json foreign = claim_json();
  foreign["bills"][0]["id"] = "SZ-2026-999999";
  CHECK(refusal(foreign).find("is not one of this member's records") != std::string::npos);

  json changed = claim_json();
  changed["bills"][0]["cash_paid_fen"] = 571'001;
  changed["bills"][0]["total_fen"] = 1'856'001;
  CHECK(refusal(changed).find("bills[0].total_fen differs from settlement record") !=
        std::string::npos);

  json moved = claim_json();
  moved["bills"][0]["discharged"] = "2026-10-16";
  CHECK(refusal(moved).find("bills[0].discharged differs") != std::string::npos);

  server::ClaimFacts f = facts();
  f.claimed_bills.insert("SZ-2026-000123");
  CHECK(refusal(claim_json(), f).find("already claimed") != std::string::npos);

  json twice = claim_json();
  twice["bills"].push_back(twice["bills"][0]);
  CHECK(refusal(twice).find("bills[1] repeats settlement record") != std::string::npos);
}

TEST_CASE("dates must be real calendar dates: 2026-02-30 is refused") {
  json claim = claim_json();
  claim["bills"][0]["admitted"] = "2026-02-30";
  CHECK(refusal(claim).find("bills[0].admitted is not a real calendar date") != std::string::npos);
  claim["bills"][0]["admitted"] = "2026-13-01";
  CHECK(refusal(claim).find("not a real calendar date") != std::string::npos);
  claim = claim_json();
  claim["bills"][0]["admitted"] = "2026-10-16";  // after the discharge
  CHECK(refusal(claim).find("discharged before it was admitted") != std::string::npos);
}

TEST_CASE("an unknown member is refused without repeating the ID number") {
  server::ClaimFacts f = facts();
  f.member.reset();
  const std::string why = refusal(claim_json(), f);
  CHECK(why.find("no member with this ID number") != std::string::npos);
  CHECK(why.find(kIdNumber) == std::string::npos);
}

TEST_CASE("anything but a claim object is refused with a reason") {
  for (const char* text :
       {"null", "[]", "1", R"({"member":{}})", R"({"member":{"id_number":"X"},"bills":[]})",
        R"({"member":{"id_number":"X"},"bills":[1]})"}) {
    INFO(text);
    CHECK_FALSE(server::check_claim(json::parse(text), facts()));
  }
}

TEST_CASE("history sums are checked: an overflow is an error, not a wrapped figure") {
  const auto max = std::numeric_limits<std::int64_t>::max();
  auto sum = server::sum_history({{"inpatient", 2026, max, 1}, {"inpatient", 2026, 1, 1}});
  REQUIRE_FALSE(sum);
  CHECK(sum.error().find("plan inpatient in 2026") != std::string::npos);
  auto fine = server::sum_history({{"inpatient", 2026, 605'000, 252'500},
                                   {"inpatient", 2026, 300'000, 150'000},
                                   {"outpatient_chronic", 2026, 1, 0}});
  REQUIRE(fine);
  REQUIRE(fine->size() == 2);
  CHECK((*fine)[0].eligible_fen == 905'000);
  CHECK((*fine)[0].benefit_fen == 402'500);
}

TEST_CASE("benefit rules from the config are read with the same checks as the TOML") {
  auto rules = server::rules_from_json(rules_json());
  REQUIRE(rules);
  REQUIRE(rules->plans.size() == 2);
  CHECK(rules->plans[0].bands.size() == 2);
  CHECK(rules->plans[0].bands[0].up_to_fen == 1'000'000);
  CHECK_FALSE(rules->plans[0].bands[1].up_to_fen);
  json bad = rules_json();
  bad["plans"][0]["bands"][0]["rate_percent"] = std::numeric_limits<std::uint64_t>::max();
  CHECK(server::rules_from_json(bad).error().find("rate_percent") != std::string::npos);
  bad = rules_json();
  bad["plans"][0]["deductible_fen"] = -5;
  CHECK(server::rules_from_json(bad).error().find("deductible_fen") != std::string::npos);
  bad = rules_json();
  bad["plans"][1]["id"] = "inpatient";
  CHECK_FALSE(server::rules_from_json(bad));
}
