// The outbox worker against the real server: quarantine without head-of-line blocking,
// notify(), status and config pulls, and the clock guard end to end through kioskctl.
#include <fstream>
#include <iterator>
#include <optional>
#include <thread>

#include <fmt/core.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fault_proxy.h"
#include "harness.h"
#include "kiosk/store/demo_claims.h"
#include "kiosk/sync/worker.h"
#include "outbox_util.h"
#include "wait_until.h"

using namespace kiosk;
using namespace std::chrono;
using kiosk::testing::wait_until;

namespace {
struct Setup {
  test::TempDir dir;
  std::unique_ptr<test::ServerProcess> server;
  Setup() {
    test::make_dev_ca(dir.path() / "tls");
    server = std::make_unique<test::ServerProcess>(dir.path() / "central", dir.path() / "tls");
  }
  sync::ClientOptions client() const {
    return sync::client_options_from_tls_dir(server->url(), dir.path() / "tls");
  }
};

}  // namespace

TEST_CASE("a refused claim is quarantined with the reason and holds up no other claim") {
  Setup setup;
  auto store = test::open_store(setup.dir.path() / "kiosk.db");
  std::set<std::string> good;
  std::string refused_uuid;
  for (int i = 0; i < 6; ++i) {
    // The second claim names another terminal than the certificate: the server says 403.
    core::Claim claim =
        store::demo_claim(static_cast<std::size_t>(i), i == 1 ? "OTHER-0009" : "DEMO-0001");
    REQUIRE(store.save_claim(claim, store::now()));
    if (i == 1) {
      refused_uuid = claim.uuid;
    } else {
      good.insert(claim.uuid);
    }
  }
  sync::Worker worker(store, setup.client(), {});
  auto drained = worker.run_until_empty(steady_clock::now() + seconds(30));
  REQUIRE(drained);
  CHECK(*drained);  // quarantined items do not count as pending
  const auto state = worker.state();
  CHECK(state.queue.acked == 5);
  CHECK(state.queue.quarantined == 1);
  // The worker's last exchange was a success; the store remembers the refusal's class.
  CHECK_FALSE(state.last_error_class.has_value());
  CHECK(store::Outbox(store).counts(store::now())->last_error_class == core::ErrorClass::auth);
  CHECK(test::uuids_in_state(store, store::OutboxState::acked) == good);
  CHECK(test::server_keys(setup.server->db()) == good);

  auto quarantined = store::Outbox(store).items(store::OutboxState::quarantined, 10);
  REQUIRE(quarantined);
  REQUIRE(quarantined->size() == 1);
  CHECK(quarantined->front().claim_uuid == refused_uuid);
  CHECK(quarantined->front().attempts == 1);
  CHECK(quarantined->front().last_error_message.find("terminal_id differs") != std::string::npos);
}

TEST_CASE("the worker thread sends a new claim on notify and pulls statuses and the config") {
  Setup setup;
  auto store = test::open_store(setup.dir.path() / "kiosk.db");
  sync::SyncOptions options;
  options.terminal_id = "DEMO-0001";
  options.probe_interval = seconds(60);  // only notify() can explain a prompt upload
  options.status_interval = milliseconds(200);
  sync::Worker worker(store, setup.client(), options);
  std::string config_seen;
  worker.set_config_listener([&](const sync::RemoteConfig& c) { config_seen = c.version; });
  worker.set_device_states([] { return std::map<std::string, std::string>{{"printer", "ok"}}; });
  REQUIRE(worker.start());
  REQUIRE(wait_until([&] { return worker.state().config_version == "demo-2026.1"; }, seconds(10)));

  core::Claim claim = store::demo_claim(7, "DEMO-0001");
  REQUIRE(store.save_claim(claim, store::now()));
  worker.notify();
  REQUIRE(wait_until([&] { return worker.state().queue.acked == 1; }, seconds(10)));

  auto moved = test::run_command(fmt::format("'{}' set-status --db '{}' {} reviewing",
                                             test::binary("server/kiosk-central").string(),
                                             setup.server->db().string(), claim.uuid));
  REQUIRE(moved.status == 0);
  CHECK(wait_until(
      [&] {
        auto stored = store.load_claim(claim.uuid);
        return stored && stored->summary.server_status == core::ClaimStatus::reviewing;
      },
      seconds(10)));
  worker.stop();
  CHECK(config_seen == "demo-2026.1");
  auto etag = store.setting("central.config_etag");
  REQUIRE(etag);
  CHECK(etag->has_value());
  const auto state = worker.state();
  CHECK_FALSE(state.last_error_class.has_value());
  CHECK(state.last_success.has_value());
}

TEST_CASE("kioskctl sync run refuses to upload while the clock is far behind: class clock") {
  Setup setup;
  const auto db = setup.dir.path() / "kiosk.db";
  {
    auto store = test::open_store(db);
    test::save_demo_claims(store, 3);
    // An earlier run saw the server's time ten days after this terminal's clock.
    const auto later = system_clock::now() + hours(24 * 10);
    REQUIRE(store.set_setting(
        "sync.highest_trusted_ms",
        std::to_string(duration_cast<milliseconds>(later.time_since_epoch()).count())));
  }
  const auto tls = setup.dir.path() / "tls";
  auto r = test::run_command(fmt::format(
      "'{}' sync run --db '{}' --server {} --tls-dir '{}' 2>/dev/null",
      test::binary("kiosk/ctl/kioskctl").string(), db.string(), setup.server->url(), tls.string()));
  INFO(r.out);
  CHECK(r.status == 1);
  const auto out = nlohmann::json::parse(r.out);
  CHECK(out["last_error_class"] == "clock");
  CHECK(out["pending"] == 3);
  CHECK(out["acked"] == 0);
  CHECK(test::list_claims(setup.server->db()).empty());
  auto store = test::open_store(db);
  auto pending = store::Outbox(store).items(store::OutboxState::pending, 10);
  REQUIRE(pending);
  for (const auto& item : *pending) CHECK(item.attempts == 0);  // nothing was even tried

  auto status = test::run_command(fmt::format(
      "'{}' sync status --db '{}' --server {} --tls-dir '{}'",
      test::binary("kiosk/ctl/kioskctl").string(), db.string(), setup.server->url(), tls.string()));
  CHECK(status.status == 0);
  CHECK(nlohmann::json::parse(status.out)["pending"] == 3);
}

TEST_CASE("kioskctl sync run --tls-dir drains and sends a heartbeat under its certificate's name") {
  Setup setup;
  const auto db = setup.dir.path() / "kiosk.db";
  {
    auto store = test::open_store(db);
    test::save_demo_claims(store, 5);
  }
  auto r = test::run_command(
      fmt::format("'{}' sync run --db '{}' --server {} --tls-dir '{}' --until-empty 2>/dev/null",
                  test::binary("kiosk/ctl/kioskctl").string(), db.string(), setup.server->url(),
                  (setup.dir.path() / "tls").string()));
  INFO(r.out);
  REQUIRE(r.status == 0);
  CHECK(nlohmann::json::parse(r.out)["acked"] == 5);
  // No terminal id was given: the heartbeat carries the CN of kiosk.pem, which the server
  // accepts and stores under that name.
  CHECK(sync::certificate_common_name(setup.dir.path() / "tls" / "kiosk.pem") == "DEMO-0001");
  auto beats = test::run_command(fmt::format(
      "sqlite3 '{}' \"SELECT terminal_id, json_extract(body, '$.queue.acked') FROM heartbeats\"",
      setup.server->db().string()));
  REQUIRE(beats.status == 0);
  CHECK(beats.out == "DEMO-0001|5\n");
}

TEST_CASE("stopping the worker mid-window waits only for the uploads in flight") {
  Setup setup;
  // Every request takes 300 ms on its way to the server: a window of 40 over 4 connections
  // would need 3 s to finish.
  test::FaultProxy proxy({.upstream_port = setup.server->port(),
                          .tls_dir = setup.dir.path() / "tls",
                          .delay_percent = 100,
                          .delay_ms = 300,
                          .first_connections = {}});
  auto store = test::open_store(setup.dir.path() / "kiosk.db");
  const auto saved = test::save_demo_claims(store, 40);
  auto client = sync::client_options_from_tls_dir(fmt::format("https://127.0.0.1:{}", proxy.port()),
                                                  setup.dir.path() / "tls");
  sync::SyncOptions options;
  options.batch_size = 40;
  sync::Worker worker(store, client, options);
  REQUIRE(worker.start());
  // Stop once the first uploads have arrived: the window is under way.
  REQUIRE(wait_until([&] { return !test::list_claims(setup.server->db()).empty(); }, seconds(10)));
  const auto before = steady_clock::now();
  worker.stop();
  const auto took = duration_cast<milliseconds>(steady_clock::now() - before);
  // The whole window would need 3 s; a stop that waited for it would take that long.
  CHECK(took < milliseconds(2500));

  // What went out is acked, what never left is back to pending with no attempt counted, and
  // nothing is left `sending`.
  const auto counts = store::Outbox(store).counts(store::now()).value();
  INFO("stop took " << took.count() << " ms; acked " << counts.acked << ", pending "
                    << counts.pending);
  CHECK(counts.sending == 0);
  CHECK(counts.acked > 0);
  CHECK(counts.pending > 0);
  CHECK(counts.acked + counts.pending == 40);
  const auto pending = store::Outbox(store).items(store::OutboxState::pending, 100).value();
  for (const auto& item : pending) CHECK(item.attempts == 0);
  CHECK(test::server_keys(setup.server->db()).size() == static_cast<std::size_t>(counts.acked));
}

TEST_CASE("kioskctl sync quarantined lists refused claims and requeue sends them again") {
  Setup setup;
  const auto db = setup.dir.path() / "kiosk.db";
  std::string refused;
  {
    auto store = test::open_store(db);
    test::save_demo_claims(store, 2);
    core::Claim claim = store::demo_claim(7, "OTHER-0009");  // not this certificate's terminal
    REQUIRE(store.save_claim(claim, store::now()));
    refused = claim.uuid;
  }
  const std::string kioskctl = test::binary("kiosk/ctl/kioskctl").string();
  const std::string server = fmt::format("--server {} --tls-dir '{}'", setup.server->url(),
                                         (setup.dir.path() / "tls").string());
  auto sync_run = [&] {
    return test::run_command(fmt::format("'{}' sync run --db '{}' {} --until-empty 2>/dev/null",
                                         kioskctl, db.string(), server));
  };
  auto listed = [&] {
    auto r =
        test::run_command(fmt::format("'{}' sync quarantined --db '{}'", kioskctl, db.string()));
    REQUIRE(r.status == 0);
    return r.out;
  };
  // Exit 5: the run quarantined a claim (kioskctl sync run's exit codes); the others went.
  REQUIRE(sync_run().status == 5);
  auto line = nlohmann::json::parse(listed());
  CHECK(line["claim_uuid"] == refused);
  CHECK(line["attempts"] == 1);
  CHECK(line["error_class"] == "auth");
  CHECK(line["reason"].get<std::string>().find("terminal_id differs") != std::string::npos);

  auto wrong = test::run_command(fmt::format("'{}' sync requeue --db '{}' {} 2>&1", kioskctl,
                                             db.string(), "00000000-0000-4000-8000-000000000000"));
  CHECK(wrong.status == 1);
  CHECK(wrong.out.find("is not quarantined") != std::string::npos);
  CHECK(test::run_command(fmt::format("'{}' sync requeue --db '{}' 2>&1", kioskctl, db.string()))
            .status == 2);

  auto requeued = test::run_command(
      fmt::format("'{}' sync requeue --db '{}' {}", kioskctl, db.string(), refused));
  REQUIRE(requeued.status == 0);
  CHECK(nlohmann::json::parse(requeued.out)["requeued"] == 1);
  CHECK(listed().empty());
  // The cause is still there, so the server refuses it again: back in quarantine, attempt 2.
  REQUIRE(sync_run().status == 5);
  line = nlohmann::json::parse(listed());
  CHECK(line["claim_uuid"] == refused);
  CHECK(line["attempts"] == 2);
  CHECK(test::list_claims(setup.server->db()).size() == 2);
}

TEST_CASE("a claim the server rejects comes back with the reason staff gave, kept encrypted") {
  Setup setup;
  const auto db = setup.dir.path() / "kiosk.db";
  auto store = test::open_store(db);
  core::Claim claim = store::demo_claim(4, "DEMO-0001");
  REQUIRE(store.save_claim(claim, store::now()));
  sync::SyncOptions options;
  options.terminal_id = "DEMO-0001";
  options.status_interval = milliseconds(200);
  sync::Worker worker(store, setup.client(), options);
  REQUIRE(worker.start());
  REQUIRE(wait_until([&] { return worker.state().queue.acked == 1; }, seconds(10)));

  const std::string reason = "发票与结算单金额不符，请带原件到服务台";
  auto moved = test::run_command(fmt::format("'{}' set-status --db '{}' {} rejected --reason '{}'",
                                             test::binary("server/kiosk-central").string(),
                                             setup.server->db().string(), claim.uuid, reason));
  REQUIRE(moved.status == 0);
  const std::string id_number(claim.member.id_number.reveal());
  auto line = [&]() -> std::optional<core::ClaimLine> {
    auto lines = store.claim_lines(id_number);
    if (!lines || lines->size() != 1) return std::nullopt;
    return lines->front();
  };
  REQUIRE(wait_until([&] { return line() && line()->status == core::ClaimStatus::rejected; },
                     seconds(10)));
  worker.stop();
  CHECK(line()->reason == reason);
  CHECK(core::stage_of(*line()) == core::ClaimStage::rejected);
  // Decided: no longer asked about.
  CHECK(store.undecided_claims(0, 10)->empty());
  // The words are in no file of the store.
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in(db.string() + suffix, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), {});
  }
  REQUIRE_FALSE(bytes.empty());
  CHECK(bytes.find("服务台") == std::string::npos);
}

TEST_CASE("a restarted worker hands the kept config to its listener though the server says 304") {
  Setup setup;
  const auto db = setup.dir.path() / "kiosk.db";
  auto store = test::open_store(db);
  std::vector<std::string> first_seen;
  {
    sync::Worker worker(store, setup.client(), {});
    worker.set_config_listener(
        [&](const sync::RemoteConfig& c) { first_seen.push_back(c.version); });
    REQUIRE(worker.run_due(steady_clock::now() + seconds(10)));
  }
  REQUIRE(first_seen == std::vector<std::string>{"demo-2026.1"});
  const auto etag = store.setting("central.config_etag").value();
  REQUIRE(etag.has_value());

  // The next run of the kiosk: the server has nothing new for this ETag.
  std::vector<std::string> seen;
  std::string body;
  sync::Worker worker(store, setup.client(), {});
  worker.set_config_listener([&](const sync::RemoteConfig& c) {
    seen.push_back(c.version);
    body = c.body;
  });
  REQUIRE(worker.run_due(steady_clock::now() + seconds(10)));
  CHECK(seen == std::vector<std::string>{"demo-2026.1"});
  CHECK(nlohmann::json::parse(body).contains("benefit_rules"));
  CHECK(worker.state().config_version == "demo-2026.1");
  CHECK(store.setting("central.config_etag").value() == etag);
  int not_modified = 0;
  for (const auto& entry : test::read_access_log(setup.server->access_log())) {
    if (entry.uri == "/api/v1/config" && entry.status == 304) ++not_modified;
  }
  CHECK(not_modified == 1);

  // Offline, the kept config still reaches the listener.
  setup.server->stop();
  seen.clear();
  sync::Worker offline(store, setup.client(), {});
  offline.set_config_listener([&](const sync::RemoteConfig& c) { seen.push_back(c.version); });
  (void)offline.run_due(steady_clock::now() + seconds(10));
  CHECK(seen == std::vector<std::string>{"demo-2026.1"});
}
