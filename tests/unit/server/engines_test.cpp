// kiosk-central's store on SQLite and on PostgreSQL (a real server, pg_cluster.h): the same
// migrations, idempotency held by the database under 50 parallel submissions and across two
// store instances (two kiosk-central processes), statuses across instances, a member's usage
// given back by a rejection, the operator's filters and the fleet view.
#include <atomic>
#include <thread>
#include <vector>

#include <fmt/core.h>

#include "claim_fixtures.h"
#include "engine_fixture.h"

namespace {
using nlohmann::json;
using namespace server::test;
using server::InsertResult;

constexpr const char* kKey = "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b";
constexpr const char* kKey2 = "5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";

void stock(server::Database& db) {
  REQUIRE(db.put_member(member_record()));
  REQUIRE(db.put_config(config_json(), {}));
}

// A claim for settlement record N of a member made for this test (members with many bills).
json member_with_bills(const std::string& id_number, int bills) {
  json record = member_record(id_number.c_str());
  record["bills"] = json::array();
  for (int i = 0; i < bills; ++i) {
    json bill = second_bill();
    bill["id"] = fmt::format("B-{}-{}", id_number.substr(14), i);
    record["bills"].push_back(bill);
  }
  return record;
}

json claim_for(const std::string& key, const std::string& id_number, const json& bill) {
  json claim = claim_json(key.c_str());
  claim["member"]["id_number"] = id_number;
  claim["bills"] = json::array({bill});
  claim["estimate"] = {{"total_benefit_fen", 100'000},
                       {"plans", json::array({{{"plan", "inpatient"},
                                               {"year", 2026},
                                               {"eligible_fen", 200'000},
                                               {"benefit_fen", 100'000}}})}};
  return claim;
}

std::string uuid(int n) {
  return fmt::format("00000000-0000-4000-8000-{:012}", n);
}
}  // namespace

ENGINE_TEST("a key is stored once: the same body is a duplicate, another body a conflict") {
  kiosk::test::TempDir dir;
  auto db = open_engine(engine_target(engine, dir));
  stock(*db);
  auto first = db->submit_claim(kKey, "DEMO-0001", claim_json(kKey), "CENTRE-A");
  REQUIRE(first);
  CHECK(first->result == InsertResult::created);
  CHECK(first->record.benefit_fen == 252'500);
  auto again = db->submit_claim(kKey, "DEMO-0001", claim_json(kKey), "CENTRE-A");
  REQUIRE(again);
  CHECK(again->result == InsertResult::duplicate);
  json changed = claim_json(kKey);
  changed["bank_account"] = "6222020000000000000";
  CHECK(db->submit_claim(kKey, "DEMO-0001", changed)->result == InsertResult::conflict);
  CHECK(db->submit_claim(kKey, "DEMO-0002", claim_json(kKey))->result == InsertResult::conflict);
  auto all = db->list_claims();
  REQUIRE(all);
  REQUIRE(all->size() == 1);
  CHECK(all->front().centre == "CENTRE-A");
  CHECK(all->front().benefit_fen == 252'500);
}

ENGINE_TEST("50 parallel identical submissions store one row: 1 created, 49 duplicates") {
  kiosk::test::TempDir dir;
  auto db = open_engine(engine_target(engine, dir));
  stock(*db);
  std::atomic<int> created{0}, duplicate{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&] {
      auto r = db->submit_claim(kKey, "DEMO-0001", claim_json(kKey));
      if (r && r->result == InsertResult::created)
        ++created;
      else if (r && r->result == InsertResult::duplicate)
        ++duplicate;
      else
        ++other;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(created == 1);
  CHECK(duplicate == 49);
  CHECK(other == 0);
  CHECK(db->list_claims()->size() == 1);
}

ENGINE_TEST("two store instances race on the same claims: each stored once, statuses shared") {
  kiosk::test::TempDir dir;
  const auto target = engine_target(engine, dir);
  auto one = open_engine(target);
  auto two = open_engine(target);
  const std::string id = "440306198805120011";
  REQUIRE(one->put_member(member_with_bills(id, 20)));
  REQUIRE(one->put_config(config_json(), {}));
  const json record = member_with_bills(id, 20);
  std::atomic<int> created{0}, duplicate{0}, refused{0}, failed{0};
  for (int n = 0; n < 20; ++n) {
    const json claim = claim_for(uuid(n), id, record["bills"][n]);
    auto race = [&](server::Database& db) {
      auto r = db.submit_claim(uuid(n), "DEMO-0001", claim);
      if (!r)
        ++failed;
      else if (r->result == InsertResult::created)
        ++created;
      else if (r->result == InsertResult::duplicate)
        ++duplicate;
      else
        ++refused;
    };
    std::thread a(race, std::ref(*one)), b(race, std::ref(*two));
    a.join();
    b.join();
  }
  CHECK(created == 20);
  CHECK(duplicate == 20);
  CHECK(refused == 0);
  CHECK(failed == 0);
  auto stored = two->list_claims();
  REQUIRE(stored->size() == 20);
  // The member's usage is the sum of the 20 claims' own results, whoever stored them.
  kiosk::core::Fen eligible = 0;
  for (const auto& c : *stored) eligible += c.eligible_fen;
  CHECK(eligible == 20 * stored->front().eligible_fen);
  auto found = two->lookup_member(id, "DEMO-0001");
  REQUIRE(found);
  REQUIRE(*found);
  CHECK((**found)["history"][0]["eligible_fen"] == eligible);
  REQUIRE(one->set_status(uuid(3), "reviewing", std::nullopt));
  CHECK((*two->find_claim(uuid(3)))->status == "reviewing");
  REQUIRE(two->set_status(uuid(3), "rejected", std::string("duplicate of a paper claim")));
  auto seen = one->find_claim(uuid(3));
  CHECK((*seen)->status == "rejected");
  CHECK((*seen)->reason == "duplicate of a paper claim");
  auto after = one->lookup_member(id, "DEMO-0001");
  CHECK((**after)["history"][0]["eligible_fen"] == eligible - (*seen)->eligible_fen);
}

ENGINE_TEST("two claims of one member on two instances never both spend one settlement record") {
  kiosk::test::TempDir dir;
  const auto target = engine_target(engine, dir);
  auto one = open_engine(target);
  auto two = open_engine(target);
  stock(*one);
  std::atomic<int> created{0}, refused{0};
  auto send = [&](server::Database& db, const char* key) {
    auto r = db.submit_claim(key, "DEMO-0001", claim_json(key));
    if (r && r->result == InsertResult::created) ++created;
    if (r && r->result == InsertResult::refused) ++refused;
  };
  std::thread a(send, std::ref(*one), kKey), b(send, std::ref(*two), kKey2);
  a.join();
  b.join();
  CHECK(created == 1);
  CHECK(refused == 1);
}

ENGINE_TEST("operators filter claims by centre, terminal, state and date") {
  kiosk::test::TempDir dir;
  auto db = open_engine(engine_target(engine, dir));
  const std::string id = "440306198805120022";
  REQUIRE(db->put_member(member_with_bills(id, 3)));
  REQUIRE(db->put_config(config_json(), {}));
  const json record = member_with_bills(id, 3);
  const char* terminals[] = {"A-01", "A-02", "B-01"};
  const char* centres[] = {"CENTRE-A", "CENTRE-A", "CENTRE-B"};
  for (int n = 0; n < 3; ++n) {
    json claim = claim_for(uuid(n), id, record["bills"][n]);
    claim["terminal_id"] = terminals[n];
    auto r = db->submit_claim(uuid(n), terminals[n], claim, centres[n]);
    REQUIRE(r);
    REQUIRE(r->result == InsertResult::created);
  }
  REQUIRE(db->set_status(uuid(1), "reviewing", std::nullopt));
  CHECK(db->list_claims({.centre = "CENTRE-A"})->size() == 2);
  CHECK(db->list_claims({.centre = "CENTRE-B"})->size() == 1);
  CHECK(db->list_claims({.terminal_id = "A-02"})->front().idempotency_key == uuid(1));
  CHECK(db->list_claims({.centre = "CENTRE-A", .status = "received"})->size() == 1);
  const std::string today = server::now_rfc3339().substr(0, 10);
  CHECK(db->list_claims({.from_date = today, .to_date = today})->size() == 3);
  CHECK(db->list_claims({.to_date = "2020-01-01"})->empty());
  CHECK(db->list_claims({.from_date = "2999-01-01"})->empty());
  auto all = db->list_claims();
  REQUIRE(all->size() == 3);
  CHECK(all->at(0).idempotency_key == uuid(0));
  CHECK(all->at(2).idempotency_key == uuid(2));
}

ENGINE_TEST("the fleet view holds each terminal's last heartbeat, by centre") {
  kiosk::test::TempDir dir;
  auto db = open_engine(engine_target(engine, dir));
  auto beat = [&](const char* terminal, const char* centre, int pending) {
    json h = {{"terminal_id", terminal},
              {"version", "1.4.0"},
              {"queue", {{"pending", pending}}},
              {"devices", {{"printer", "paper_near_end"}, {"reader", "ok"}}}};
    REQUIRE(db->put_heartbeat(terminal, h.dump(), centre));
  };
  beat("A-01", "CENTRE-A", 1);
  beat("A-01", "CENTRE-A", 7);
  beat("B-01", "CENTRE-B", 0);
  auto all = db->fleet();
  REQUIRE(all);
  REQUIRE(all->size() == 2);
  auto a = db->fleet("CENTRE-A");
  REQUIRE(a->size() == 1);
  CHECK(a->front().terminal_id == "A-01");
  CHECK(a->front().heartbeat["queue"]["pending"] == 7);
  CHECK(a->front().heartbeat["devices"]["printer"] == "paper_near_end");
}

ENGINE_TEST("a reopened database keeps its claims, and a second open does not migrate again") {
  kiosk::test::TempDir dir;
  const auto target = engine_target(engine, dir);
  {
    auto db = open_engine(target);
    stock(*db);
    REQUIRE(db->submit_claim(kKey, "DEMO-0001", claim_json(kKey))->result == InsertResult::created);
  }
  auto db = open_engine(target);
  CHECK(db->list_claims()->size() == 1);
  CHECK(db->submit_claim(kKey, "DEMO-0001", claim_json(kKey))->result == InsertResult::duplicate);
}
