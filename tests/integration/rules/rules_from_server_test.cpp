// The estimate on the kiosk follows the rules kiosk-central serves: the worker pulls the
// config over mutual TLS, RemoteConfig reads its rules, and the same bills estimate to what
// the changed rule gives. Rules the server gets wrong are refused with the reason and the
// ones in force stay.
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <fmt/core.h>
#include <catch2/catch.hpp>

#include "harness.h"
#include "kiosk/core/rules.h"
#include "kiosk/sync/worker.h"
#include "outbox_util.h"
#include "services/remote_config.h"
#include "wait_until.h"

using namespace kiosk;
using namespace std::chrono;
using kiosk::testing::wait_until;

namespace {
// The API example's member: an inpatient record, enrolled in the inpatient plan.
constexpr const char* kMember = "440306198805122236";

// What the app does with each config the worker hands over (kiosk.cpp's listener): apply it,
// and keep the rules it would send the session as server::RulesLoaded.
struct App {
  app::RemoteConfig remote;
  std::mutex mutex;
  std::vector<core::Rules> loaded;  // in the order the session would get them
  std::vector<std::string> problems;
  std::vector<std::string> versions;

  void on_config(const sync::RemoteConfig& config) {
    auto applied = remote.apply(config.body);
    std::lock_guard lock(mutex);
    if (!applied) {
      problems.push_back(applied.error());
      return;
    }
    versions.push_back(applied->version);
    if (applied->new_rules) loaded.push_back(*applied->new_rules);
    if (!applied->rules_problem.empty()) problems.push_back(applied->rules_problem);
  }
  std::size_t seen(const std::string& version) {
    std::lock_guard lock(mutex);
    return static_cast<std::size_t>(std::count(versions.begin(), versions.end(), version));
  }
};

// Changes the published config in kiosk-central's database, as an operator's publish would.
void publish(const test::ServerProcess& server, const std::string& json_set_arguments) {
  auto r =
      test::run_command(fmt::format("sqlite3 '{}' \"UPDATE config SET body = json_set(body, {})\"",
                                    server.db().string(), json_set_arguments));
  REQUIRE(r.status == 0);
}
}  // namespace

TEST_CASE("the estimate follows a rule changed on the server, and bad rules are not used") {
  test::TempDir dir;
  test::make_dev_ca(dir.path() / "tls");
  test::ServerProcess server(dir.path() / "central", dir.path() / "tls");
  const auto client_options = sync::client_options_from_tls_dir(server.url(), dir.path() / "tls");
  auto client = sync::Client::create(client_options);
  REQUIRE(client.has_value());
  auto member = client->lookup(kMember);
  REQUIRE(member.has_value());
  member->member.wipe();
  REQUIRE_FALSE(member->bills.empty());

  auto store = test::open_store(dir.path() / "kiosk.db");
  sync::SyncOptions options;
  options.config_interval = milliseconds(200);
  sync::Worker worker(store, client_options, options);
  App app;
  worker.set_config_listener([&](const sync::RemoteConfig& c) { app.on_config(c); });
  REQUIRE(worker.start());

  // The published demo rules: the inpatient plan takes 1,000 yuan off first.
  REQUIRE(wait_until([&] { return app.seen("demo-2026.1") == 1; }, seconds(10)));
  core::Rules served;
  {
    std::lock_guard lock(app.mutex);
    REQUIRE(app.loaded.size() == 1);
    served = app.loaded.back();
  }
  REQUIRE(served.plans.at(0).id == "inpatient");
  REQUIRE(served.plans.at(0).deductible_fen == 100'000);
  const auto before = core::estimate_benefits(served, member->bills, member->history);
  REQUIRE(before.total_benefit_fen > 0);

  // The union drops the inpatient deductible.
  publish(server,
          "'$.version', 'demo-2026.2', '$.benefit_rules.version', '2026.2', "
          "'$.benefit_rules.plans[0].deductible_fen', 0");
  REQUIRE(wait_until([&] { return app.seen("demo-2026.2") == 1; }, seconds(10)));
  core::Rules changed;
  {
    std::lock_guard lock(app.mutex);
    REQUIRE(app.loaded.size() == 2);
    changed = app.loaded.back();
  }
  CHECK(changed.version == "2026.2");
  CHECK(changed.plans.at(0).deductible_fen == 0);
  const auto after = core::estimate_benefits(changed, member->bills, member->history);
  core::Rules expected_rules = served;
  expected_rules.version = "2026.2";
  expected_rules.plans.at(0).deductible_fen = 0;
  CHECK(changed == expected_rules);
  const auto expected = core::estimate_benefits(expected_rules, member->bills, member->history);
  CHECK(after == expected);
  // The 1,000 yuan the deductible took now count, at the rate of the band they fall in (50 %
  // below 10,000 yuan above the deductible, 60 % above).
  const auto more = after.total_benefit_fen - before.total_benefit_fen;
  CHECK((more == 50'000 || more == 60'000));

  // A rate above 100 % is refused by name; the changed rules stay, the new notice comes.
  publish(server,
          "'$.version', 'demo-2026.3', '$.benefit_rules.plans[0].bands[1].rate_percent', 150, "
          "'$.notices[0].title', '规则更新'");
  REQUIRE(wait_until([&] { return app.seen("demo-2026.3") == 1; }, seconds(10)));
  worker.stop();
  {
    std::lock_guard lock(app.mutex);
    CHECK(app.loaded.size() == 2);
    REQUIRE(app.problems.size() == 1);
    CHECK(app.problems[0] ==
          "benefit_rules: plan 'inpatient': bands[1]: rate_percent must be 0 to 100");
  }
  CHECK(app.remote.rules() == changed);
  CHECK(app.remote.current()->notices.at(0).title == "规则更新");
}
