#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "server/json_schema.h"

namespace {
using nlohmann::json;

json example_claim() {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/deploy/api/examples/claim.json");
  std::stringstream s;
  s << in.rdbuf();
  return json::parse(s.str());
}

std::string error_of(const json& value, const char* def) {
  auto r = server::api_schemas().validate(value, def);
  return r ? std::string("valid") : r.error();
}
}  // namespace

TEST_CASE("the example claim is a valid ClaimRequest") {
  CHECK(error_of(example_claim(), "ClaimRequest") == "valid");
}

TEST_CASE("violations name the field and what was expected") {
  json claim = example_claim();
  claim.erase("commitment");
  CHECK(error_of(claim, "ClaimRequest") == "$: missing \"commitment\"");

  claim = example_claim();
  claim["bills"][0]["total_fen"] = "12.50";
  CHECK(error_of(claim, "ClaimRequest") == "$.bills[0].total_fen: expected integer, got string");

  claim = example_claim();
  claim["bills"][0]["cash_paid_fen"] = -1;
  CHECK(error_of(claim, "ClaimRequest") == "$.bills[0].cash_paid_fen: must be at least 0");

  claim = example_claim();
  claim["member"]["phone"] = "12345";
  CHECK(error_of(claim, "ClaimRequest").starts_with("$.member.phone: does not match"));

  claim = example_claim();
  claim["extra"] = true;
  CHECK(error_of(claim, "ClaimRequest") == "$.extra: unexpected field");

  claim = example_claim();
  claim["bills"][0]["visit_type"] = "dental";
  CHECK(error_of(claim, "ClaimRequest").starts_with("$.bills[0].visit_type: \"dental\" is not one of"));

  claim = example_claim();
  claim["bills"] = json::array();
  CHECK(error_of(claim, "ClaimRequest") == "$.bills: needs at least 1 item(s)");
}

TEST_CASE("nullable fields and free-form maps validate") {
  json record = {{"claim_uuid", "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b"}, {"terminal_id", "T"},
                 {"status", "rejected"}, {"reason", nullptr},
                 {"received_at", "2026-11-28T10:15:30+08:00"},
                 {"updated_at", "2026-11-28T10:15:30Z"}};
  CHECK(error_of(record, "ClaimRecord") == "valid");
  record["reason"] = 5;
  CHECK(error_of(record, "ClaimRecord") == "$.reason: expected string or null, got integer");
}

TEST_CASE("a schema document without $defs, or unknown names, are errors") {
  CHECK_FALSE(server::SchemaSet::parse("{}"));
  CHECK_FALSE(server::SchemaSet::parse("not json"));
  CHECK_FALSE(server::api_schemas().validate(json::object(), "NoSuchThing"));
  auto broken = server::SchemaSet::parse(R"({"$defs":{"A":{"$ref":"#/$defs/B"}}})");
  REQUIRE(broken);
  CHECK_FALSE(broken->validate(1, "A"));
}

TEST_CASE("patterns match as in ECMAScript: $ is the very end, bad UTF-8 never matches") {
  auto set = server::SchemaSet::parse(R"({"$defs": {"Year": {"type": "string",
                                          "pattern": "^[0-9]{4}$"},
                                          "Word": {"type": "string", "pattern": "^.{2}$"}}})");
  REQUIRE(set);
  CHECK(set->validate("2026", "Year").has_value());
  CHECK_FALSE(set->validate("2026\n", "Year").has_value());  // PCRE's default would accept it
  CHECK_FALSE(set->validate("x2026", "Year").has_value());
  CHECK(set->validate("张伟", "Word").has_value());             // characters, not bytes
  CHECK_FALSE(set->validate(std::string("\xE5\xBC", 2), "Word").has_value());

  auto broken = server::SchemaSet::parse(R"({"$defs": {"X": {"pattern": "^[0-9"}}})");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().find("^[0-9") != std::string::npos);
}
