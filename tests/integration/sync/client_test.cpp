// Round trips of kiosk/sync's client against the real kiosk-central over mutual TLS.
#include <fstream>
#include <sstream>

#include <fmt/core.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness.h"
#include "kiosk/store/demo_claims.h"
#include "kiosk/api/claim_json.h"
#include "kiosk/sync/client.h"

using namespace kiosk;
using kiosk::test::binary;
using kiosk::test::source;

namespace {
std::string example_claim() {
  std::ifstream in(source("deploy/api/examples/claim.json"));
  std::stringstream s;
  s << in.rdbuf();
  return nlohmann::json::parse(s.str()).dump();
}
constexpr const char* kUuid = "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b";

struct Central {
  test::TempDir dir;
  std::unique_ptr<test::ServerProcess> server;
  Central() {
    test::make_dev_ca(dir.path() / "tls");
    server = std::make_unique<test::ServerProcess>(dir.path() / "central", dir.path() / "tls");
  }
  sync::Client client() {
    auto c =
        sync::Client::create(sync::client_options_from_tls_dir(server->url(), dir.path() / "tls"));
    REQUIRE(c);
    return std::move(*c);
  }
};
}  // namespace

TEST_CASE("lookup returns the demo card holder's member record and settlement records") {
  Central central;
  auto client = central.client();
  auto found = client.lookup("110105198503172314");  // assets/demo/cards/01-resident.card
  REQUIRE(found);
  CHECK(found->member.name.reveal() == "张伟");
  CHECK_FALSE(found->bills.empty());
  CHECK_FALSE(found->member.enrolments.empty());
  auto unknown = client.lookup("110101199001011237");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().cls == sync::ErrorClass::validation);
  CHECK(unknown.error().http_status == 404);
}

TEST_CASE("a claim is acked on 201 and again on 200, and its status follows the server") {
  Central central;
  auto client = central.client();
  const std::string body = example_claim();
  auto first = client.submit_claim(kUuid, body);
  INFO(first.error.message);
  REQUIRE(first.kind == sync::ClaimOutcome::Kind::acked);
  CHECK(first.claim->status == core::ClaimStatus::received);
  auto repeat = client.submit_claim(kUuid, body);
  CHECK(repeat.kind == sync::ClaimOutcome::Kind::acked);

  std::string changed = body;
  changed.replace(changed.find("6222021234567890123"), 19, "6222020000000000000");
  auto conflict = client.submit_claim(kUuid, changed);
  CHECK(conflict.kind == sync::ClaimOutcome::Kind::quarantined);
  CHECK(conflict.error.http_status == 409);

  auto moved = test::run_command(fmt::format("'{}' set-status --db '{}' {} reviewing",
                                             binary("server/kiosk-central").string(),
                                             central.server->db().string(), kUuid));
  REQUIRE(moved.status == 0);
  auto status = client.claim_status(kUuid);
  REQUIRE(status);
  CHECK(status->status == core::ClaimStatus::reviewing);
  // Every exchange above went over one TLS connection.
  CHECK(client.connections_opened() == 1);
}

TEST_CASE("a claim the server refuses is quarantined with its reason") {
  Central central;
  auto client = central.client();
  auto claim = nlohmann::json::parse(example_claim());
  claim["bills"] = nlohmann::json::array();
  auto refused = client.submit_claim(kUuid, claim.dump());
  CHECK(refused.kind == sync::ClaimOutcome::Kind::quarantined);
  CHECK(refused.error.cls == sync::ErrorClass::validation);
  CHECK(refused.error.message.find("bills") != std::string::npos);
}

TEST_CASE("the config comes with an ETag and is not sent again while unchanged") {
  Central central;
  auto client = central.client();
  auto first = client.config("");
  REQUIRE(first);
  REQUIRE(first->config);
  CHECK(first->config->version == "demo-2026.1");
  CHECK_FALSE(first->etag.empty());
  auto second = client.config(first->etag);
  REQUIRE(second);
  CHECK(second->not_modified);
  CHECK_FALSE(second->config);
}

TEST_CASE("heartbeat and health are accepted, and the server's Date feeds the clock guard") {
  Central central;
  auto client = central.client();
  REQUIRE(client.health());
  CHECK(client.clock_guard().highest_trusted().time_since_epoch().count() > 0);
  const std::string beat = R"({"terminal_id":"DEMO-0001","version":"0.1.0",
    "sent_at":"2026-11-28T10:00:00+08:00","queue":{"pending":0,"sending":0,"retry_wait":0,
    "acked":1,"quarantined":0,"oldest_pending_age_s":0},"last_success_at":null,
    "last_error_class":null,"devices":{"printer":"ok"}})";
  auto ok = client.heartbeat(beat);
  INFO((ok ? std::string() : ok.error().message));
  CHECK(ok);
}

TEST_CASE("new connections resume TLS sessions without being refused") {
  Central central;
  auto options =
      sync::client_options_from_tls_dir(central.server->url(), central.dir.path() / "tls");
  options.reuse_connection = false;
  auto client = sync::Client::create(options);
  REQUIRE(client);
  for (int i = 0; i < 4; ++i) {
    auto ok = client->health();
    INFO((ok ? std::string() : ok.error().message));
    REQUIRE(ok);
  }
  CHECK(client->connections_opened() == 4);
}

TEST_CASE(
    "a window of claims goes over a few kept-alive connections, and after a failure the rest "
    "wait") {
  Central central;
  auto options =
      sync::client_options_from_tls_dir(central.server->url(), central.dir.path() / "tls");
  options.parallel_claims = 4;
  auto client = sync::Client::create(options);
  REQUIRE(client);
  auto window_of = [](std::size_t from, std::size_t n) {
    std::vector<sync::ClaimSubmission> window;
    for (std::size_t i = from; i < from + n; ++i) {
      auto claim = store::demo_claim(i, "DEMO-0001");
      claim.sequence = static_cast<std::int64_t>(i) + 1;  // as Store::save_claim numbers it
      window.push_back({claim.uuid, api::claim_request_body(claim)});
    }
    return window;
  };
  const auto window = window_of(0, 40);
  auto outcomes = client->submit_claims(window);
  REQUIRE(outcomes.size() == window.size());
  for (std::size_t i = 0; i < window.size(); ++i) {
    INFO(i << ": " << outcomes[i].error.message);
    REQUIRE(outcomes[i].kind == sync::ClaimOutcome::Kind::acked);
    CHECK(outcomes[i].claim->claim_uuid == window[i].uuid);  // outcomes in the window's order
  }
  const long opened = client->connections_opened();
  CHECK(opened >= 1);
  CHECK(opened <= 4);
  CHECK(test::list_claims(central.server->db()).size() == window.size());

  // The same window again: every claim is a repeat (200), over the connections already open.
  outcomes = client->submit_claims(window);
  for (const auto& outcome : outcomes) CHECK(outcome.kind == sync::ClaimOutcome::Kind::acked);
  CHECK(client->connections_opened() == opened);
  CHECK(test::list_claims(central.server->db()).size() == window.size());

  // The server goes away: the requests in flight fail, the rest are never started.
  central.server.reset();
  const auto later = window_of(100, 12);
  outcomes = client->submit_claims(later);
  int retry = 0, not_sent = 0;
  for (const auto& outcome : outcomes) {
    if (outcome.kind == sync::ClaimOutcome::Kind::retry) {
      ++retry;
      CHECK(outcome.error.cls == sync::ErrorClass::network);
    }
    if (outcome.kind == sync::ClaimOutcome::Kind::not_sent) ++not_sent;
  }
  CHECK(retry >= 1);
  CHECK(retry <= 4);
  CHECK(retry + not_sent == 12);
}
