// RemoteConfig: the server's config as the app applies it, and the benefit rules it brings to
// the session: new rules once, the same rules not again, bad rules never (the previous stay).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "kiosk/api/rules_json.h"
#include "services/remote_config.h"

using namespace kiosk;
using nlohmann::json;

namespace {
json rules_json() {
  return json::parse(R"({"version": "2026.1", "plans": [
    {"id": "inpatient", "name": "住院医疗互助", "visit_types": ["inpatient"],
     "base": "personal_in_policy", "deductible_fen": 100000, "annual_cap_fen": 5000000,
     "bands": [{"up_to_fen": 1000000, "rate_percent": 50}, {"up_to_fen": null, "rate_percent": 60}]}
  ]})");
}

std::string config(const std::string& version, const json& rules, const std::string& notice) {
  return json{{"version", version},
              {"benefit_rules", rules},
              {"notices", json::array({{{"id", "n"}, {"title", notice}, {"body", "b"}}})},
              {"staff_pin_hashes", json::array()}}
      .dump();
}
}  // namespace

TEST_CASE("the server's rules reach the session once, and again only when they change",
          "[app][config]") {
  app::RemoteConfig remote;
  CHECK_FALSE(remote.rules().has_value());
  auto first = remote.apply(config("c1", rules_json(), "通知一"));
  REQUIRE(first.has_value());
  CHECK(first->version == "c1");
  CHECK(first->rules_problem.empty());
  REQUIRE(first->new_rules.has_value());
  CHECK(*first->new_rules == api::rules_from_json(rules_json()).value());
  CHECK(remote.rules() == first->new_rules);

  // A new notice, the same rules: nothing for the session.
  auto notices_only = remote.apply(config("c2", rules_json(), "通知二"));
  REQUIRE(notices_only.has_value());
  CHECK_FALSE(notices_only->new_rules.has_value());
  CHECK(remote.current()->notices.at(0).title == "通知二");

  json changed = rules_json();
  changed["plans"][0]["deductible_fen"] = 0;
  auto second = remote.apply(config("c3", changed, "通知二"));
  REQUIRE(second.has_value());
  REQUIRE(second->new_rules.has_value());
  CHECK(second->new_rules->plans.at(0).deductible_fen == 0);
  CHECK(remote.rules()->plans.at(0).deductible_fen == 0);
}

TEST_CASE("rules the server got wrong are not used: the rules in force stay, the notices come",
          "[app][config]") {
  app::RemoteConfig remote;
  REQUIRE(remote.apply(config("c1", rules_json(), "通知一")).has_value());
  json bad = rules_json();
  bad["plans"][0]["bands"][1]["rate_percent"] = 150;
  auto applied = remote.apply(config("c2", bad, "通知二"));
  REQUIRE(applied.has_value());
  CHECK_FALSE(applied->new_rules.has_value());
  CHECK(applied->rules_problem ==
        "benefit_rules: plan 'inpatient': bands[1]: rate_percent must be 0 to 100");
  CHECK(remote.rules() == api::rules_from_json(rules_json()).value());
  CHECK(remote.current()->version == "c2");
  CHECK(remote.current()->notices.at(0).title == "通知二");

  // Before any usable rules, bad ones leave the terminal's own file in force: none here.
  app::RemoteConfig fresh;
  auto none = fresh.apply(config("c1", json::object(), "通知"));
  REQUIRE(none.has_value());
  CHECK_FALSE(none->new_rules.has_value());
  CHECK(none->rules_problem == "benefit_rules: version is missing");
  CHECK_FALSE(fresh.rules().has_value());
}
