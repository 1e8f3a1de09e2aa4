#pragma once
// kiosk-central's store on SQLite for the store's unit tests (database_claims_test,
// database_at_rest_test): a database in a test folder, stocked with the claim fixtures'
// member, a second member and the published rules, and small helpers to submit and look up.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "claim_fixtures.h"
#include "harness.h"
#include "server/database.h"

namespace server::test {
using nlohmann::json;

inline constexpr const char* kKey = "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b";
inline constexpr const char* kKey2 = "5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";
inline constexpr const char* kKey3 = "6b2d3e4f-5061-4b7c-9d8e-0f1a2b3c4d5e";

inline std::unique_ptr<server::Database> open_db(const kiosk::test::TempDir& dir) {
  auto db = server::Database::open(dir.path() / "central.db");
  INFO((db ? std::string() : db.error()));
  REQUIRE(db);
  return std::move(*db);
}

// A database with the member, a second member and the published rules.
inline std::unique_ptr<server::Database> stocked_db(const kiosk::test::TempDir& dir) {
  auto db = open_db(dir);
  REQUIRE(db->put_member(member_record()));
  json other = member_record(kOtherIdNumber);
  other["member"]["name"] = "李秀英";
  other["bills"] = json::array({first_bill()});
  other["bills"][0]["id"] = "BJ-2026-000777";
  REQUIRE(db->put_member(other));
  REQUIRE(db->put_config(config_json(), {}));
  return db;
}

inline server::SubmitOutcome submit(server::Database& db, const std::string& key, const json& claim,
                                    const std::string& terminal = "DEMO-0001") {
  auto outcome = db.submit_claim(key, terminal, claim);
  INFO((outcome ? std::string() : outcome.error()));
  REQUIRE(outcome);
  return *outcome;
}

inline json lookup(server::Database& db, const std::string& id = kIdNumber) {
  auto found = db.lookup_member(id, "DEMO-0001");
  INFO((found ? std::string() : found.error()));
  REQUIRE(found);
  REQUIRE(*found);
  return **found;
}

}  // namespace server::test
