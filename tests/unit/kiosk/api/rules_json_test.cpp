#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include <nlohmann/json.hpp>

#include "kiosk/api/rules_json.h"
#include "kiosk/store/rules_toml.h"
#include "samples.h"
#include "server/demo_data.h"

using namespace kiosk;
using nlohmann::json;

namespace {
// The terminal's own rules file: three plans, a band without a limit, both bases.
core::Rules file_rules() {
  auto rules = store::parse_rules_toml(test::read_source_file("assets/rules/mutual-aid.toml"),
                                       "mutual-aid.toml");
  REQUIRE(rules.has_value());
  return *rules;
}

std::string message_of(const json& value) {
  auto read = api::rules_from_json(value);
  return read ? std::string("no error") : read.error();
}

json file_rules_json() {
  return json::parse(api::rules_to_json(file_rules()).dump());
}
}  // namespace

TEST_CASE("rules: written into a Config the contract allows and read back the same") {
  const core::Rules rules = file_rules();
  REQUIRE(rules.plans.size() == 3);
  nlohmann::ordered_json config = {{"version", "v"},
                                   {"benefit_rules", api::rules_to_json(rules)},
                                   {"notices", nlohmann::ordered_json::array()},
                                   {"staff_pin_hashes", nlohmann::ordered_json::array()}};
  CHECK(test::schema_violation(config, "Config") == "");
  auto back = api::rules_from_text(config["benefit_rules"].dump());
  REQUIRE(back.has_value());
  CHECK(*back == rules);
  // The band without a limit goes out as null, not as a number.
  CHECK(config["benefit_rules"]["plans"][0]["bands"][1]["up_to_fen"].is_null());
  CHECK(config["benefit_rules"]["plans"][2]["base"] == "personal_total");
}

TEST_CASE("rules: the server's published demo rules are read whole") {
  const json published = server::demo_config()["benefit_rules"];
  auto rules = api::rules_from_json(published);
  REQUIRE(rules.has_value());
  CHECK(rules->version == "2026.1");
  REQUIRE(rules->plans.size() == 2);
  CHECK(rules->plans[0].id == "inpatient");
  CHECK(rules->plans[0].deductible_fen == 100'000);
  REQUIRE(rules->plans[0].bands.size() == 2);
  CHECK(rules->plans[0].bands[0].up_to_fen == 1'000'000);
  CHECK_FALSE(rules->plans[0].bands[1].up_to_fen.has_value());
  CHECK(rules->plans[1].visit_types ==
        std::vector<core::VisitType>{core::VisitType::outpatient_chronic});
  // What the kiosk writes of them is what the server published.
  CHECK(json::parse(api::rules_to_json(*rules).dump()) == published);
}

TEST_CASE("rules: each mistake is refused with the plan and the key named") {
  json bad = file_rules_json();
  bad.erase("version");
  CHECK(message_of(bad) == "benefit_rules: version is missing");
  bad = file_rules_json();
  bad["plans"] = json::object();
  CHECK(message_of(bad) == "benefit_rules: plans must be a list");
  bad = file_rules_json();
  bad["plans"][1] = "chronic";
  CHECK(message_of(bad) == "benefit_rules: plans[1]: is not an object");
  bad = file_rules_json();
  bad["plans"][1].erase("id");
  CHECK(message_of(bad) == "benefit_rules: plans[1]: id is missing");
  bad = file_rules_json();
  bad["plans"][1]["name"] = 7;
  CHECK(message_of(bad) == "benefit_rules: plan 'chronic': name must be a string");
  bad = file_rules_json();
  bad["plans"][0]["visit_types"].push_back("dental");
  CHECK(message_of(bad).starts_with("benefit_rules: plan 'inpatient': visit_types may hold only"));
  bad = file_rules_json();
  bad["plans"][0]["base"] = "everything";
  CHECK(message_of(bad).starts_with("benefit_rules: plan 'inpatient': base must be"));
  bad = file_rules_json();
  bad["plans"][0]["deductible_fen"] = -5;
  CHECK(message_of(bad) ==
        "benefit_rules: plan 'inpatient': deductible_fen must be 0 to 10000000000");
  bad = file_rules_json();
  bad["plans"][0]["annual_cap_fen"] = 12.5;
  CHECK(message_of(bad) ==
        "benefit_rules: plan 'inpatient': annual_cap_fen must be a whole number");
  bad = file_rules_json();
  bad["plans"][0]["annual_cap_fen"] = std::numeric_limits<std::uint64_t>::max();
  CHECK(message_of(bad).find("annual_cap_fen must be 0 to") != std::string::npos);
  bad = file_rules_json();
  bad["plans"][0]["bands"][0]["rate_percent"] = 101;
  CHECK(message_of(bad) ==
        "benefit_rules: plan 'inpatient': bands[0]: rate_percent must be 0 to 100");
  bad = file_rules_json();
  bad["plans"][0]["bands"][0].erase("up_to_fen");
  CHECK(message_of(bad) == "benefit_rules: plan 'inpatient': bands[0]: up_to_fen is missing");
  bad = file_rules_json();
  bad["plans"][0]["bands"][0]["up_to_fen"] = "lots";
  CHECK(message_of(bad).find("bands[0]: up_to_fen must be a whole number") != std::string::npos);
  bad = file_rules_json();
  bad["plans"][0].erase("bands");
  CHECK(message_of(bad) == "benefit_rules: plan 'inpatient': bands must be a list");
  // What only the rules as a whole can show: core::check_rules, the same checks as the TOML.
  bad = file_rules_json();
  bad["plans"][2]["bands"][1]["up_to_fen"] = 100;
  CHECK(message_of(bad).starts_with("benefit_rules: plan 'outpatient': band 2: up_to_fen must be"));
  bad = file_rules_json();
  bad["plans"][1]["id"] = "inpatient";
  CHECK(message_of(bad) == "benefit_rules: plan 'inpatient': id is used by an earlier plan too");
  bad = file_rules_json();
  bad["plans"] = json::array();
  CHECK(message_of(bad) == "benefit_rules: the rules define no plan");
  CHECK(message_of(json::array()) == "benefit_rules: is not an object");
  CHECK(api::rules_from_text("{\"version\":").error() == "benefit_rules: not valid JSON");
}

TEST_CASE("rules: keys a newer server adds are ignored") {
  json rules = file_rules_json();
  rules["effective_from"] = "2027-01-01";
  rules["plans"][0]["note"] = "住院";
  auto read = api::rules_from_json(rules);
  REQUIRE(read.has_value());
  CHECK(*read == file_rules());
}
