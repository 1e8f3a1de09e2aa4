// Staff PIN hashes: Argon2id strings with their own salt for each terminal, slow on purpose.
#include <catch2/catch.hpp>

#include <chrono>

#include "claim_fixtures.h"
#include "harness.h"
#include "server/database.h"
#include "server/json_schema.h"
#include "server/staff_pins.h"

namespace {
using nlohmann::json;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

TEST_CASE("a staff PIN hash is Argon2id, takes a measurable time to check, refuses a wrong PIN") {
  auto hash = server::hash_staff_pin("246810");
  REQUIRE(hash);
  CHECK(hash->starts_with("$argon2id$v=19$m=262144,t=3,p=1$"));
  const auto start = std::chrono::steady_clock::now();
  CHECK(server::verify_staff_pin(*hash, "246810"));
  const double took = seconds_since(start);
  WARN("one Argon2id check took " << took << " s");
  // A fast hash (SHA-256 takes microseconds) would make all 10^6 PINs a second's work.
  CHECK(took > 0.1);
  CHECK_FALSE(server::verify_staff_pin(*hash, "246811"));
  CHECK_FALSE(server::verify_staff_pin(*hash, ""));
  CHECK_FALSE(server::verify_staff_pin("sha256$kiosk-demo-salt$00", "246810"));
  auto again = server::hash_staff_pin("246810");
  REQUIRE(again);
  CHECK(*again != *hash);  // a fresh salt each time
}

TEST_CASE("each terminal's config carries its own hash of each PIN, cached after the first pull") {
  kiosk::test::TempDir dir;
  auto opened = server::Database::open(dir.path() / "central.db");
  REQUIRE(opened);
  auto& db = **opened;
  std::vector<server::StaffPin> pins;
  pins.push_back({"S001", kiosk::core::Secret("246810")});
  REQUIRE(db.put_config(server::test::config_json(), pins));

  auto one = db.config("DEMO-0001");
  auto two = db.config("DEMO-0002");
  REQUIRE(one);
  REQUIRE(two);
  const json a = json::parse(one->body)["staff_pin_hashes"];
  const json b = json::parse(two->body)["staff_pin_hashes"];
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  CHECK(a[0]["staff_id"] == "S001");
  const std::string hash_a = a[0]["pin_hash"], hash_b = b[0]["pin_hash"];
  CHECK(hash_a != hash_b);
  CHECK(one->etag != two->etag);
  CHECK(server::verify_staff_pin(hash_a, "246810"));
  CHECK(server::verify_staff_pin(hash_b, "246810"));
  CHECK(one->body.find("246810") == std::string::npos);
  // The contract's Config schema takes the Argon2id string and refuses the old fast hash.
  CHECK(server::api_schemas().validate(json::parse(one->body), "Config"));
  json fast = json::parse(one->body);
  fast["staff_pin_hashes"][0]["pin_hash"] =
      "sha256$kiosk-demo-salt$b59a039015c2aad8ee2f9b4d26ef080793abba808f80617f4df9ada34c2707b4";
  CHECK_FALSE(server::api_schemas().validate(fast, "Config"));

  auto cached = db.config("DEMO-0001");
  REQUIRE(cached);
  CHECK(cached->etag == one->etag);
  CHECK(cached->body == one->body);

  // The same PIN published again keeps the cache; a new PIN replaces the hash.
  REQUIRE(db.put_config(server::test::config_json(), pins));
  CHECK(db.config("DEMO-0001")->etag == one->etag);
  std::vector<server::StaffPin> changed;
  changed.push_back({"S001", kiosk::core::Secret("135790")});
  REQUIRE(db.put_config(server::test::config_json(), changed));
  auto renewed = db.config("DEMO-0001");
  REQUIRE(renewed);
  CHECK(renewed->etag != one->etag);
  const std::string hash_new = json::parse(renewed->body)["staff_pin_hashes"][0]["pin_hash"];
  CHECK(server::verify_staff_pin(hash_new, "135790"));
  CHECK_FALSE(server::verify_staff_pin(hash_new, "246810"));

  // A caller that does not name the terminal gets no hash at all.
  auto anonymous = db.config();
  REQUIRE(anonymous);
  CHECK(json::parse(anonymous->body)["staff_pin_hashes"].empty());
}
