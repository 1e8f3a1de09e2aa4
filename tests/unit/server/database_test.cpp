#include <catch2/catch.hpp>

#include "harness.h"
#include "server/database.h"

namespace {
std::unique_ptr<server::Database> open_db(const kiosk::test::TempDir& dir) {
  auto db = server::Database::open(dir.path() / "central.db");
  REQUIRE(db);
  return std::move(*db);
}
constexpr const char* kKey = "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b";
}  // namespace

TEST_CASE("a key is stored once: the same body is a duplicate, another body a conflict") {
  kiosk::test::TempDir dir;
  auto db = open_db(dir);
  server::ClaimRecord record;
  CHECK(db->insert_claim(kKey, "T1", R"({"a":1})", record) == server::InsertResult::created);
  CHECK(record.status == "received");
  CHECK(db->insert_claim(kKey, "T1", R"({"a":1})", record) == server::InsertResult::duplicate);
  CHECK(db->insert_claim(kKey, "T1", R"({"a":2})", record) == server::InsertResult::conflict);
  CHECK(db->insert_claim(kKey, "T2", R"({"a":1})", record) == server::InsertResult::conflict);
  CHECK(db->list_claims()->size() == 1);
}

TEST_CASE("claims survive reopening the database") {
  kiosk::test::TempDir dir;
  server::ClaimRecord record;
  REQUIRE(open_db(dir)->insert_claim(kKey, "T1", "{}", record));
  auto claims = open_db(dir)->list_claims();
  REQUIRE(claims);
  REQUIRE(claims->size() == 1);
  CHECK(claims->front().idempotency_key == kKey);
}

TEST_CASE("statuses move forward only, and a rejection needs a reason") {
  kiosk::test::TempDir dir;
  auto db = open_db(dir);
  server::ClaimRecord record;
  REQUIRE(db->insert_claim(kKey, "T1", "{}", record));
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
