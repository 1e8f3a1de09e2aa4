// A printed statement's registration reaches the real kiosk-central (nginx, mutual TLS) through
// the kiosk's queue and HTTP sender, exactly once, and GET /api/v1/statements/{number} answers
// what the paper says.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "harness.h"
#include "kiosk/api/statement_json.h"
#include "kiosk/sync/client.h"
#include "services/statement_registry.h"

using namespace kiosk;
using namespace kiosk::app;
using namespace std::chrono;

namespace {

struct Central {
  test::TempDir dir;
  std::unique_ptr<test::ServerProcess> server;
  Central() {
    test::make_dev_ca(dir.path() / "tls");
    server = std::make_unique<test::ServerProcess>(dir.path() / "central", dir.path() / "tls");
  }
  sync::ClientOptions options() const {
    return sync::client_options_from_tls_dir(server->url(), dir.path() / "tls");
  }
};

api::StatementRegistration sample(std::string number) {
  api::StatementRegistration s;
  s.number = std::move(number);
  s.terminal_id = "DEMO-0001";
  s.member_id_hash = std::string(64, 'b');
  s.masked_name = "张**";
  s.period_from = 2026y / January / 1;
  s.period_to = 2026y / December / 31;
  s.totals = {2, 10'000'00, 6'000'00, 4'000'00};
  s.printed_at = sys_days{2026y / November / 29} + hours{1} + minutes{30};
  return s;
}

}  // namespace

TEST_CASE("a printed statement registers once and the server answers what was printed") {
  Central central;
  auto registry = StatementRegistry::open(central.dir.path() / "statements.db");
  REQUIRE(registry);
  const auto body = api::statement_registration_to_json(sample("ST-28T5-CY4T-QKFF-03X5")).dump();
  REQUIRE((*registry)->add("ST-28T5-CY4T-QKFF-03X5", body));
  auto sender = http_register_sender(central.options(), nullptr);
  CHECK((*registry)->send_due(sender, system_clock::now()) == 1);
  CHECK((*registry)->counts().registered == 1);
  CHECK((*registry)->send_due(sender, system_clock::now() + hours{1}) == 0);

  // The same body again (a 201 lost on the way) is the same registration.
  std::string why;
  CHECK(sender(body, why) == RegisterResult::registered);
  // Other content under the same number is refused for good.
  auto other = sample("ST-28T5-CY4T-QKFF-03X5");
  other.totals.personal_fen += 1;
  CHECK(sender(api::statement_registration_to_json(other).dump(), why) == RegisterResult::refused);
  CHECK(why.find("409") != std::string::npos);

  auto client = sync::Client::create(central.options());
  REQUIRE(client);
  auto reply = client->get("/api/v1/statements/ST-28T5-CY4T-QKFF-03X5");
  REQUIRE(reply);
  REQUIRE(reply->status == 200);
  auto json = nlohmann::json::parse(reply->body);
  CHECK(json["masked_name"] == "张**");
  CHECK(json["terminal_id"] == "DEMO-0001");
  CHECK(json["period"]["from"] == "2026-01-01");
  CHECK(json["period"]["to"] == "2026-12-31");
  CHECK(json["totals"]["personal_fen"] == 400000);
  CHECK(json["record_count"] == 2);
  CHECK(json["printed_at"] == "2026-11-29T09:30:00+08:00");
  CHECK_FALSE(json.contains("member_id_hash"));
  auto missing = client->get("/api/v1/statements/ST-0000-0000-0000-0000");
  REQUIRE(missing);
  CHECK(missing->status == 404);
}

TEST_CASE("a statement printed while the server is down stays queued and is retried") {
  Central central;
  const auto options = central.options();
  central.server->stop();
  auto registry = StatementRegistry::open(central.dir.path() / "statements.db");
  REQUIRE(registry);
  REQUIRE((*registry)->add(
      "ST-0000-0000-0000-0007",
      api::statement_registration_to_json(sample("ST-0000-0000-0000-0007")).dump()));
  auto sender = http_register_sender(options, nullptr);
  CHECK((*registry)->send_due(sender, system_clock::now()) == 1);
  CHECK((*registry)->counts().pending == 1);
  CHECK((*registry)->counts().registered == 0);
}
