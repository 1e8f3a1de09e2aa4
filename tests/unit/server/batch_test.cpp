// Group commit on both engines: several claims in one transaction, each in its own savepoint.
// A refused claim and a claim whose writing fails halfway leave the rest of their batch
// stored; claims sent at once share batches and are each checked against those before them.
#include <atomic>
#include <thread>
#include <vector>

#include <fmt/core.h>

#include "claim_fixtures.h"
#include "engine_fixture.h"

namespace {
using nlohmann::json;
using namespace server::test;
using server::ClaimSubmission;
using server::InsertResult;

constexpr const char* kFirst = "0b7c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d";
constexpr const char* kBad = "1c8d2e3f-4051-4b6c-9d7e-8f9a0b1c2d3e";
constexpr const char* kSecond = "2d9e3f40-5162-4c7d-8e8f-9a0b1c2d3e4f";

void stock(server::Database& db) {
  REQUIRE(db.put_member(member_record()));
  REQUIRE(db.put_config(config_json(), {}));
}

// The member's second settlement record, honestly estimated after the first: 300,000 more eligible,
// all at 50 %.
json second_claim(const char* key) {
  json claim = claim_json(key);
  claim["bills"] = json::array({second_bill()});
  claim["estimate"] = {{"total_benefit_fen", 150'000},
                       {"plans", json::array({{{"plan", "inpatient"},
                                               {"year", 2026},
                                               {"eligible_fen", 300'000},
                                               {"benefit_fen", 150'000}}})}};
  return claim;
}

// A claim for a bill the member never had: refused by the server's check.
json unknown_bill_claim(const char* key) {
  json claim = claim_json(key);
  claim["bills"][0]["id"] = "SZ-2026-999999";
  return claim;
}

// Makes the database fail the writing of KEY's settlement records: after its claim row and
// usage are written, so only a savepoint can undo them.
void fail_writes_of(const EngineTarget& target, const std::string& engine, const char* key) {
  auto parsed = server::sql::parse_target(target.options.db);
  REQUIRE(parsed);
  auto conn = engine == "sqlite" ? server::sql::open_sqlite(parsed->location)
                                 : server::sql::open_postgresql(parsed->location);
  REQUIRE(conn);
  const std::string sql =
      engine == "sqlite"
          ? fmt::format(
                "CREATE TRIGGER test_fault BEFORE INSERT ON claim_bills WHEN "
                "NEW.idempotency_key = '{}' BEGIN SELECT RAISE(ABORT, 'test fault'); END;",
                key)
          : fmt::format(
                "CREATE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF "
                "NEW.idempotency_key = '{}' THEN RAISE EXCEPTION 'test fault'; END IF; RETURN "
                "NEW; END $$; CREATE TRIGGER test_fault BEFORE INSERT ON claim_bills FOR EACH "
                "ROW EXECUTE FUNCTION test_fault();",
                key);
  auto made = (*conn)->script(sql);
  INFO((made ? std::string() : made.error()));
  REQUIRE(made);
}
}  // namespace

ENGINE_TEST("a batch with one refused claim answers it refused and stores the others") {
  kiosk::test::TempDir dir;
  auto db = open_engine(engine_target(engine, dir));
  stock(*db);
  const std::vector<ClaimSubmission> batch = {
      {kFirst, "DEMO-0001", "CENTRE-A", claim_json(kFirst)},
      {kBad, "DEMO-0001", "CENTRE-A", unknown_bill_claim(kBad)},
      {kSecond, "DEMO-0001", "CENTRE-A", second_claim(kSecond)}};
  auto answers = db->submit_claims(batch);
  REQUIRE(answers.size() == 3);
  REQUIRE(answers[0]);
  CHECK(answers[0]->result == InsertResult::created);
  REQUIRE(answers[1]);
  CHECK(answers[1]->result == InsertResult::refused);
  CHECK(answers[1]->refusal.find("SZ-2026-999999") != std::string::npos);
  REQUIRE(answers[2]);
  CHECK(answers[2]->result == InsertResult::created);
  // The second claim was checked after the first, in the same transaction: its estimate
  // starts above the first one's 605,000 (150,000, not 252,500).
  CHECK(answers[2]->record.benefit_fen == 150'000);
  auto stored = db->list_claims();
  REQUIRE(stored->size() == 2);
  CHECK((*db->find_claim(kBad)) == std::nullopt);
}

ENGINE_TEST("a claim whose writing fails mid-batch is undone alone, the batch commits") {
  kiosk::test::TempDir dir;
  const auto target = engine_target(engine, dir);
  auto db = open_engine(target);
  stock(*db);
  fail_writes_of(target, engine, kFirst);
  const std::vector<ClaimSubmission> batch = {{kFirst, "DEMO-0001", "", claim_json(kFirst)},
                                              {kSecond, "DEMO-0001", "", claim_json(kSecond)}};
  auto answers = db->submit_claims(batch);
  REQUIRE(answers.size() == 2);
  // The failed one is an error (the kiosk retries it), not a refusal.
  REQUIRE_FALSE(answers[0]);
  CHECK(answers[0].error().find("test fault") != std::string::npos);
  // Its claim row and usage were rolled back: the same bill is free for the next claim.
  REQUIRE(answers[1]);
  CHECK(answers[1]->result == InsertResult::created);
  CHECK(answers[1]->record.benefit_fen == 252'500);
  CHECK((*db->find_claim(kFirst)) == std::nullopt);
  REQUIRE(db->list_claims()->size() == 1);
  auto looked = db->lookup_member(kIdNumber, "DEMO-0001");
  REQUIRE(looked);
  REQUIRE(*looked);
  CHECK((**looked)["history"][0]["eligible_fen"] == 605'000);
}

ENGINE_TEST("claims sent at once share transactions: 40 claims of one member in fewer batches") {
  kiosk::test::TempDir dir;
  auto db = open_engine(engine_target(engine, dir));
  REQUIRE(db->put_config(config_json(), {}));
  constexpr int kClaims = 40;
  json member = member_record();
  member["bills"] = json::array();
  for (int i = 0; i < kClaims; ++i) {
    json bill = second_bill();
    bill["id"] = fmt::format("SZ-2026-{:06}", 500 + i);
    member["bills"].push_back(bill);
  }
  REQUIRE(db->put_member(member));
  std::atomic<int> created{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClaims; ++i) {
    threads.emplace_back([&, i] {
      const std::string key = fmt::format("00000000-0000-4000-8000-{:012}", i);
      json claim = claim_json(key.c_str());
      claim["bills"] = json::array({member["bills"][static_cast<std::size_t>(i)]});
      auto r = db->submit_claim(key, "DEMO-0001", claim);
      (r && r->result == InsertResult::created ? created : other)++;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(created == kClaims);
  CHECK(other == 0);
  CHECK(db->list_claims()->size() == kClaims);
  const auto stats = db->batch_stats();
  INFO(stats.batches << " batches, the largest of " << stats.largest);
  CHECK(stats.claims == kClaims);
  CHECK(stats.largest > 1);
  CHECK(stats.batches < kClaims);
  // Each claim was checked against the ones before it: the member's usage is their sum.
  auto looked = db->lookup_member(kIdNumber, "DEMO-0001");
  REQUIRE(looked);
  REQUIRE(*looked);
  CHECK((**looked)["history"][0]["eligible_fen"] == kClaims * 300'000);
}

ENGINE_TEST("without group commit each claim is its own transaction, idempotency unchanged") {
  kiosk::test::TempDir dir;
  auto target = engine_target(engine, dir);
  target.options.group_commit = server::GroupCommit::off;
  auto db = open_engine(target);
  stock(*db);
  std::atomic<int> created{0}, duplicate{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i) {
    threads.emplace_back([&] {
      auto r = db->submit_claim(kFirst, "DEMO-0001", claim_json(kFirst));
      if (r && r->result == InsertResult::created) ++created;
      if (r && r->result == InsertResult::duplicate) ++duplicate;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(created == 1);
  CHECK(duplicate == 9);
  CHECK(db->batch_stats().batches == 0);
}
