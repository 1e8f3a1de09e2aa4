#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "kiosk/api/config_json.h"
#include "samples.h"

using namespace kiosk;

namespace {
nlohmann::json sample_config() {
  return nlohmann::json::parse(R"({
    "version": "2026-11-29.3",
    "benefit_rules": {"version": "2026", "plans": []},
    "notices": [{"id": "n1", "title": "元旦安排", "body": "1月1日至3日暂停办理"}],
    "staff_pin_hashes": [{"staff_id": "S01",
      "pin_hash": "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo"}]
  })");
}

std::string message_of(const nlohmann::json& json) {
  auto read = api::config_from_text(json.dump());
  return read ? std::string("no error") : read.error();
}
}  // namespace

TEST_CASE("config: a body the contract allows is read whole") {
  const auto json = sample_config();
  REQUIRE(test::schema_violation(json, "Config") == "");
  auto config = api::config_from_text(json.dump());
  REQUIRE(config.has_value());
  CHECK(config->version == "2026-11-29.3");
  REQUIRE(config->notices.size() == 1);
  CHECK(config->notices[0].title == "元旦安排");
  CHECK(config->notices[0].body == "1月1日至3日暂停办理");
  REQUIRE(config->staff_pins.size() == 1);
  CHECK(config->staff_pins[0].staff_id == "S01");
  CHECK(nlohmann::json::parse(config->benefit_rules) == json["benefit_rules"]);
}

TEST_CASE("config: what is wrong is named") {
  auto json = sample_config();
  CHECK(api::config_from_text("<html>portal</html>").error() == "the config must be a JSON object");
  json.erase("version");
  CHECK(message_of(json) == "version is missing");
  json = sample_config();
  json["notices"][0].erase("body");
  CHECK(message_of(json) == "notices[0]: body is missing");
  json = sample_config();
  json["staff_pin_hashes"] = "S01";
  CHECK(message_of(json) == "staff_pin_hashes must be an array");
  json = sample_config();
  json["benefit_rules"] = nlohmann::json::array();
  CHECK(message_of(json) == "benefit_rules must be an object");
}

TEST_CASE("config: a long list of notices keeps the first few") {
  auto json = sample_config();
  for (int i = 0; i < 20; ++i) json["notices"].push_back(json["notices"][0]);
  auto config = api::config_from_text(json.dump());
  REQUIRE(config.has_value());
  CHECK(config->notices.size() == api::kMaxNotices);
}
