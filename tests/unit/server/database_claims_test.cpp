// kiosk-central's store: claims checked against its own records with the server's estimate
// stored, history from those estimates, statuses that move forward only, idempotency keys.
#include <limits>

#include "database_fixture.h"

namespace {
using nlohmann::json;
using namespace server::test;
}  // namespace

TEST_CASE("a key is stored once: the same body is a duplicate, another body a conflict") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  CHECK(submit(*db, kKey, claim_json()).result == server::InsertResult::created);
  auto again = submit(*db, kKey, claim_json());
  CHECK(again.result == server::InsertResult::duplicate);
  CHECK(again.record.status == "received");
  json changed = claim_json();
  changed["sequence"] = 2;
  CHECK(submit(*db, kKey, changed).result == server::InsertResult::conflict);
  CHECK(submit(*db, kKey, claim_json(), "DEMO-0002").result == server::InsertResult::conflict);
  CHECK(db->list_claims()->size() == 1);
}

TEST_CASE("claims survive reopening the database") {
  kiosk::test::TempDir dir;
  REQUIRE(submit(*stocked_db(dir), kKey, claim_json()).result == server::InsertResult::created);
  auto claims = open_db(dir)->list_claims();
  REQUIRE(claims);
  REQUIRE(claims->size() == 1);
  CHECK(claims->front().idempotency_key == kKey);
  CHECK(claims->front().terminal_id == "DEMO-0001");
}

TEST_CASE("statuses move forward only, and a rejection needs a reason") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  REQUIRE(submit(*db, kKey, claim_json()).result == server::InsertResult::created);
  CHECK_FALSE(db->set_status(kKey, "paid", std::nullopt));
  CHECK_FALSE(db->set_status(kKey, "closed", std::nullopt));
  CHECK_FALSE(db->set_status(kKey, "rejected", std::nullopt));
  CHECK_FALSE(db->set_status("00000000-0000-4000-8000-000000000000", "reviewing", std::nullopt));
  for (const char* status : {"reviewing", "approved", "paid"}) {
    auto moved = db->set_status(kKey, status, std::nullopt);
    REQUIRE(moved);
    CHECK(moved->status == status);
  }
  auto after_paid = db->set_status(kKey, "rejected", std::string("late"));
  REQUIRE_FALSE(after_paid);
  CHECK(after_paid.error().find("cannot become rejected") != std::string::npos);
}

TEST_CASE("two claims with benefit_fen 9e18 are refused and the member's lookup still works") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  for (const char* key : {kKey, kKey2}) {
    json claim = claim_json(key);
    claim["estimate"]["plans"][0]["benefit_fen"] = std::uint64_t{9'000'000'000'000'000'000u};
    claim["estimate"]["total_benefit_fen"] = std::uint64_t{9'000'000'000'000'000'000u};
    auto outcome = submit(*db, key, claim);
    CHECK(outcome.result == server::InsertResult::refused);
    CHECK(outcome.refusal.find("benefit_fen") != std::string::npos);
  }
  CHECK(db->list_claims()->empty());
  CHECK(lookup(*db)["history"].empty());
}

TEST_CASE("an inflated kiosk estimate does not inflate the history: the server's is stored") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  json claim = claim_json();
  // The whole 5,000,000-fen annual cap, where the rules give 252,500.
  claim["estimate"]["plans"][0]["benefit_fen"] = 5'000'000;
  claim["estimate"]["total_benefit_fen"] = 5'000'000;
  auto outcome = submit(*db, kKey, claim);
  REQUIRE(outcome.result == server::InsertResult::created);
  CHECK(outcome.estimate_differences.size() == 2);
  const json history = lookup(*db)["history"];
  REQUIRE(history.size() == 1);
  CHECK(history[0] == json{{"plan", "inpatient"},
                           {"year", 2026},
                           {"eligible_fen", 605'000},
                           {"benefit_fen", 252'500}});
}

TEST_CASE("a kiosk estimate 1 fen off is accepted with the server's estimate stored") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  json claim = claim_json();
  claim["estimate"]["plans"][0]["benefit_fen"] = 252'501;
  claim["estimate"]["total_benefit_fen"] = 252'501;
  auto outcome = submit(*db, kKey, claim);
  REQUIRE(outcome.result == server::InsertResult::created);
  REQUIRE_FALSE(outcome.estimate_differences.empty());
  CHECK(outcome.estimate_differences[0] ==
        "plan inpatient 2026 benefit_fen: kiosk 252501, server 252500");
  CHECK(lookup(*db)["history"][0]["benefit_fen"] == 252'500);

  // The next claim starts from the stored 605,000 / 252,500: 300,000 more at 50 %.
  json second = claim_json(kKey2);
  second["bills"][0] = second_bill();
  second["estimate"]["plans"][0]["eligible_fen"] = 300'000;
  second["estimate"]["plans"][0]["benefit_fen"] = 150'000;
  second["estimate"]["total_benefit_fen"] = 150'000;
  auto next = submit(*db, kKey2, second);
  REQUIRE(next.result == server::InsertResult::created);
  CHECK(next.estimate_differences.empty());
  CHECK(lookup(*db)["history"][0]["benefit_fen"] == 402'500);
}

TEST_CASE("another member's bill, a changed amount, 2^64-1 and 2026-02-30 are refused") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  json foreign = claim_json();
  foreign["bills"][0]["id"] = "BJ-2026-000777";  // the other member's record
  CHECK(submit(*db, kKey, foreign).refusal.find("not one of this member's records") !=
        std::string::npos);
  json changed = claim_json();
  changed["bills"][0]["self_pay_full_fen"] = 45'999;
  CHECK(submit(*db, kKey, changed).refusal.find("self_pay_full_fen differs") != std::string::npos);
  json huge = claim_json();
  huge["bills"][0]["fund_paid_fen"] = std::numeric_limits<std::uint64_t>::max();
  CHECK(submit(*db, kKey, huge).refusal.find("fund_paid_fen is 18446744073709551615") !=
        std::string::npos);
  json date = claim_json();
  date["bills"][0]["admitted"] = "2026-02-30";
  CHECK(submit(*db, kKey, date).refusal.find("not a real calendar date") != std::string::npos);
  json stranger = claim_json();
  stranger["member"]["id_number"] = "110101199001011237";
  CHECK(submit(*db, kKey, stranger).refusal.find("no member") != std::string::npos);
  CHECK(db->list_claims()->empty());
}

TEST_CASE("a settlement record is claimed once until that claim is rejected") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  REQUIRE(submit(*db, kKey, claim_json(kKey)).result == server::InsertResult::created);
  auto twice = submit(*db, kKey2, claim_json(kKey2));
  CHECK(twice.result == server::InsertResult::refused);
  CHECK(twice.refusal.find("already claimed") != std::string::npos);
  REQUIRE(db->set_status(kKey, "rejected", std::string("wrong hospital")));
  CHECK(lookup(*db)["history"].empty());
  CHECK(submit(*db, kKey3, claim_json(kKey3)).result == server::InsertResult::created);
}

TEST_CASE("without published rules a claim is an error to retry, not a refusal") {
  kiosk::test::TempDir dir;
  auto db = open_db(dir);
  REQUIRE(db->put_member(member_record()));
  auto outcome = db->submit_claim(kKey, "DEMO-0001", claim_json());
  REQUIRE_FALSE(outcome);
  CHECK(outcome.error().find("no kiosk configuration") != std::string::npos);
}
