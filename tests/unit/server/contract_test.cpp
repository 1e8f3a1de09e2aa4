// Every reply of the real server (in-process, on its Unix socket with the headers nginx sets
// after verifying a kiosk certificate) is checked against the
// contract: the status is declared for the route in deploy/api/openapi.yaml and the body
// validates against the schema the file names (deploy/api/schemas.json).
#include <fstream>
#include <sstream>
#include <thread>

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "engine_fixture.h"
#include "harness.h"
#include "openapi_check.h"
#include "server/database.h"
#include "server/demo_data.h"
#include "server/json_schema.h"
#include "server/service.h"

namespace {
using kiosk::test::source;
using nlohmann::json;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct LiveServer {
  kiosk::test::TempDir dir;
  std::unique_ptr<server::Database> db;
  std::unique_ptr<server::Service> service;
  std::thread thread;
  kiosk::test::OpenApi api{read_file(source("deploy/api/openapi.yaml"))};

  explicit LiveServer(const std::string& engine) {
    db = server::test::open_engine(server::test::engine_target(engine, dir));
    REQUIRE(server::load_demo_data(*db));
    auto created = server::Service::create(*db, {dir.path() / "run" / "central.sock"});
    REQUIRE(created);
    service = std::move(*created);
    thread = std::thread([this] { service->run(); });
  }
  ~LiveServer() {
    service->stop();
    thread.join();
  }

  // What nginx passes for a verified kiosk certificate (`verify` SUCCESS), or for none.
  std::unique_ptr<httplib::Client> client(
      const std::string& verify = "SUCCESS",
      const std::string& subject = "CN=DEMO-0001,OU=kiosk,O=Kiosk Development") {
    auto c = std::make_unique<httplib::Client>(service->socket_path().string(), 80);
    c->set_address_family(AF_UNIX);
    c->set_connection_timeout(5);
    httplib::Headers headers;
    if (!verify.empty()) headers.emplace(server::kVerifyHeader, verify);
    if (!subject.empty()) headers.emplace(server::kSubjectHeader, subject);
    c->set_default_headers(headers);
    return c;
  }

  // The reply's status is declared for the route, it carries Date, and its body validates.
  void check(const httplib::Result& res, const std::string& path, const std::string& method,
             int status, const std::string& schema) {
    REQUIRE(res);
    INFO(method << " " << path << " -> " << res->status << " " << res->body);
    CHECK(res->status == status);
    CHECK(api.declares(path, method, status));
    CHECK(res->has_header("Date"));
    if (schema.empty()) {
      CHECK(res->body.empty());
      return;
    }
    CHECK(res->get_header_value("Content-Type") == "application/json");
    const json body = json::parse(res->body);
    auto valid = server::api_schemas().validate(body, schema);
    INFO((valid ? std::string("valid") : valid.error()));
    CHECK(valid);
  }
};

// deploy/api/examples/claim.json made to match what the demo data holds for its member: the
// server refuses a settlement record it does not hold. DEMO11-2026-1008 has the example's
// amounts: 571,000 cash + 80,000 account - 46,000 self-paid = 605,000 eligible; minus the
// 100,000 deductible, 505,000 at 50 % = 252,500 (the demo config's inpatient plan).
json example_claim() {
  json claim = json::parse(read_file(source("deploy/api/examples/claim.json")));
  for (const auto& member : server::demo_members()) {
    if (member["member"]["id_number"] == claim["member"]["id_number"]) {
      claim["bills"] = json::array({member["bills"][0]});
    }
  }
  REQUIRE(claim["bills"][0]["id"] == "DEMO11-2026-1008");
  claim["estimate"] = {{"total_benefit_fen", 252'500},
                       {"plans", json::array({{{"plan", "inpatient"},
                                               {"year", 2026},
                                               {"eligible_fen", 605'000},
                                               {"benefit_fen", 252'500}}})}};
  return claim;
}
}  // namespace

TEST_CASE("openapi.yaml refers only to schemas that schemas.json defines") {
  kiosk::test::OpenApi api(read_file(source("deploy/api/openapi.yaml")));
  const auto refs = api.schema_refs();
  CHECK(refs.size() >= 10);
  for (const auto& name : refs) {
    INFO(name);
    CHECK(server::api_schemas().has(name));
  }
}

ENGINE_TEST("health, lookup and config replies follow the contract") {
  LiveServer live(engine);
  auto c = live.client();
  live.check(c->Get("/api/v1/health"), "/api/v1/health", "get", 200, "Health");

  const std::string demo_id = server::demo_members().at(1)["member"]["id_number"];
  live.check(
      c->Post("/api/v1/members/lookup", json{{"id_number", demo_id}}.dump(), "application/json"),
      "/api/v1/members/lookup", "post", 200, "LookupResponse");
  live.check(c->Post("/api/v1/members/lookup", R"({"id_number":"110101199001011237"})",
                     "application/json"),
             "/api/v1/members/lookup", "post", 404, "Error");
  live.check(c->Post("/api/v1/members/lookup", R"({"id":1})", "application/json"),
             "/api/v1/members/lookup", "post", 422, "Error");
  live.check(c->Post("/api/v1/members/lookup", "not json", "application/json"),
             "/api/v1/members/lookup", "post", 400, "Error");

  auto first = c->Get("/api/v1/config");
  live.check(first, "/api/v1/config", "get", 200, "Config");
  const std::string etag = first->get_header_value("ETag");
  REQUIRE(etag.size() > 2);
  // The route hands this terminal its own Argon2id hashes of the staff PINs: without them no
  // staff member could sign in at the kiosk.
  const auto config = json::parse(first->body);
  REQUIRE(config["staff_pin_hashes"].size() >= 1);
  for (const auto& staff : config["staff_pin_hashes"]) {
    CHECK(staff["pin_hash"].get<std::string>().starts_with("$argon2id$"));
  }
  live.check(c->Get("/api/v1/config", {{"If-None-Match", etag}}), "/api/v1/config", "get", 304, "");
  live.check(c->Get("/api/v1/config", {{"If-None-Match", "\"stale\""}}), "/api/v1/config", "get",
             200, "Config");
}

ENGINE_TEST("claims are idempotent on the Idempotency-Key and refused with reasons") {
  LiveServer live(engine);
  auto c = live.client();
  json claim = example_claim();
  const std::string uuid = claim["claim_uuid"];
  const httplib::Headers key{{"Idempotency-Key", uuid}};

  auto created = c->Post("/api/v1/claims", key, claim.dump(), "application/json");
  live.check(created, "/api/v1/claims", "post", 201, "ClaimRecord");
  CHECK(json::parse(created->body)["claim_uuid"] == uuid);
  CHECK(json::parse(created->body)["status"] == "received");
  // The same body again, even with keys in another order: 200 with the same claim.
  auto again = c->Post("/api/v1/claims", key, claim.dump(2), "application/json");
  live.check(again, "/api/v1/claims", "post", 200, "ClaimRecord");
  CHECK(json::parse(again->body) == json::parse(created->body));

  json changed = claim;
  changed["bank_account"] = "6222020000000000000";
  auto conflict = c->Post("/api/v1/claims", key, changed.dump(), "application/json");
  live.check(conflict, "/api/v1/claims", "post", 409, "Error");
  CHECK(json::parse(conflict->body)["code"] == "idempotency_conflict");

  live.check(c->Post("/api/v1/claims", claim.dump(), "application/json"), "/api/v1/claims", "post",
             400, "Error");

  json empty_bills = claim;
  empty_bills["claim_uuid"] = "00000000-0000-4000-8000-000000000001";
  empty_bills["bills"] = json::array();
  auto invalid = c->Post("/api/v1/claims", {{"Idempotency-Key", empty_bills["claim_uuid"]}},
                         empty_bills.dump(), "application/json");
  live.check(invalid, "/api/v1/claims", "post", 422, "Error");
  CHECK(json::parse(invalid->body)["message"].get<std::string>().find("bills") !=
        std::string::npos);

  json over = claim;
  over["claim_uuid"] = "00000000-0000-4000-8000-000000000002";
  over["bills"][0]["cash_paid_fen"] = 99'999'999;
  auto rule = c->Post("/api/v1/claims", {{"Idempotency-Key", over["claim_uuid"]}}, over.dump(),
                      "application/json");
  live.check(rule, "/api/v1/claims", "post", 422, "Error");

  json other = claim;
  other["claim_uuid"] = "00000000-0000-4000-8000-000000000003";
  other["terminal_id"] = "SOMEONE-ELSE";
  live.check(c->Post("/api/v1/claims", {{"Idempotency-Key", other["claim_uuid"]}}, other.dump(),
                     "application/json"),
             "/api/v1/claims", "post", 403, "Error");

  live.check(
      c->Post("/api/v1/claims", {{"Idempotency-Key", "00000000-0000-4000-8000-000000000009"}},
              claim.dump(), "application/json"),
      "/api/v1/claims", "post", 422, "Error");

  auto status = c->Get("/api/v1/claims/" + uuid);
  live.check(status, "/api/v1/claims/{claim_uuid}", "get", 200, "ClaimRecord");
  live.check(c->Get("/api/v1/claims/00000000-0000-4000-8000-00000000000f"),
             "/api/v1/claims/{claim_uuid}", "get", 404, "Error");

  auto moved = live.db->set_status(uuid, "reviewing", std::nullopt);
  REQUIRE(moved);
  REQUIRE(live.db->set_status(uuid, "rejected", std::string("发票不清晰")));
  auto rejected = c->Get("/api/v1/claims/" + uuid);
  live.check(rejected, "/api/v1/claims/{claim_uuid}", "get", 200, "ClaimRecord");
  CHECK(json::parse(rejected->body)["reason"] == "发票不清晰");
  CHECK(live.db->list_claims()->size() == 1);
}

ENGINE_TEST("lookup reports what earlier claims of the member used") {
  LiveServer live(engine);
  auto c = live.client();
  json claim = example_claim();
  REQUIRE(c->Post("/api/v1/claims", {{"Idempotency-Key", claim["claim_uuid"]}}, claim.dump(),
                  "application/json")
              ->status == 201);
  auto res = c->Post("/api/v1/members/lookup",
                     json{{"id_number", claim["member"]["id_number"]}}.dump(), "application/json");
  live.check(res, "/api/v1/members/lookup", "post", 200, "LookupResponse");
  const json history = json::parse(res->body)["history"];
  REQUIRE(history.size() == 1);
  CHECK(history[0]["plan"] == claim["estimate"]["plans"][0]["plan"]);
  CHECK(history[0]["benefit_fen"] == claim["estimate"]["plans"][0]["benefit_fen"]);
}

ENGINE_TEST("heartbeats are stored for the certificate's terminal only") {
  LiveServer live(engine);
  auto c = live.client();
  json beat = {{"terminal_id", "DEMO-0001"},
               {"version", "0.1.0"},
               {"sent_at", "2026-11-28T10:00:00+08:00"},
               {"queue",
                {{"pending", 3},
                 {"sending", 0},
                 {"retry_wait", 1},
                 {"acked", 20},
                 {"quarantined", 0},
                 {"oldest_pending_age_s", 75}}},
               {"last_success_at", nullptr},
               {"last_error_class", "network"},
               {"devices", {{"printer", "ok"}, {"idcard", "no_device"}}}};
  live.check(c->Post("/api/v1/heartbeat", beat.dump(), "application/json"), "/api/v1/heartbeat",
             "post", 200, "HeartbeatAck");
  beat["last_error_class"] = "mystery";
  live.check(c->Post("/api/v1/heartbeat", beat.dump(), "application/json"), "/api/v1/heartbeat",
             "post", 422, "Error");
  beat["last_error_class"] = nullptr;
  beat["terminal_id"] = "DEMO-0002";
  live.check(c->Post("/api/v1/heartbeat", beat.dump(), "application/json"), "/api/v1/heartbeat",
             "post", 403, "Error");
}

ENGINE_TEST("without nginx's verdict of a verified certificate every route answers 401") {
  LiveServer live(engine);
  auto anonymous = live.client("", "");
  auto res = anonymous->Get("/api/v1/health");
  live.check(res, "/api/v1/health", "get", 401, "Error");
  CHECK(json::parse(res->body)["code"] == "unauthorized");
  live.check(
      anonymous->Post("/api/v1/claims", {{"Idempotency-Key", "x"}}, "{}", "application/json"),
      "/api/v1/claims", "post", 401, "Error");
  live.check(anonymous->Get("/api/v1/config"), "/api/v1/config", "get", 401, "Error");

  auto refused = live.client("FAILED:certificate has expired")
                     ->Post("/api/v1/members/lookup", R"({"id_number":"110105198503172314"})",
                            "application/json");
  live.check(refused, "/api/v1/members/lookup", "post", 401, "Error");
  CHECK(json::parse(refused->body)["message"].get<std::string>().find("verified") !=
        std::string::npos);
}

namespace {
json statement_registration(const std::string& number) {
  return {{"number", number},
          {"terminal_id", "DEMO-0001"},
          {"member_id_hash", std::string(64, 'a')},
          {"masked_name", "张*"},
          {"period", {{"from", "2026-01-01"}, {"to", "2026-11-28"}}},
          {"totals",
           {{"total_fen", 1'856'000}, {"fund_paid_fen", 1'205'000}, {"personal_fen", 651'000}}},
          {"record_count", 3},
          {"printed_at", "2026-11-28T10:20:00+08:00"}};
}
}  // namespace

ENGINE_TEST("a printed statement is registered once and verified by its number from anywhere") {
  LiveServer live(engine);
  auto kiosk = live.client();
  const json statement = statement_registration("ST-2026-000123");
  auto first = kiosk->Post("/api/v1/statements", statement.dump(), "application/json");
  live.check(first, "/api/v1/statements", "post", 201, "StatementRecord");
  CHECK(json::parse(first->body)["masked_name"] == "张*");
  CHECK_FALSE(json::parse(first->body).contains("member_id_hash"));
  auto again = kiosk->Post("/api/v1/statements", statement.dump(), "application/json");
  live.check(again, "/api/v1/statements", "post", 200, "StatementRecord");
  CHECK(json::parse(again->body) == json::parse(first->body));

  json changed = statement;
  changed["totals"]["personal_fen"] = 1;
  live.check(kiosk->Post("/api/v1/statements", changed.dump(), "application/json"),
             "/api/v1/statements", "post", 409, "Error");
  // Another centre's terminal checks the paper and gets what was printed.
  auto verifier = live.client("SUCCESS", "CN=B-01,OU=CENTRE-B,O=Kiosk Development");
  auto read = verifier->Get("/api/v1/statements/ST-2026-000123");
  live.check(read, "/api/v1/statements/{number}", "get", 200, "StatementRecord");
  const json record = json::parse(read->body);
  CHECK(record["totals"] == statement["totals"]);
  CHECK(record["period"] == statement["period"]);
  CHECK(record["printed_at"] == statement["printed_at"]);
  CHECK(record["record_count"] == 3);
  live.check(verifier->Get("/api/v1/statements/ST-0000"), "/api/v1/statements/{number}", "get", 404,
             "Error");
}

ENGINE_TEST("a statement is refused unmasked, for another terminal, or with a reversed period") {
  LiveServer live(engine);
  auto kiosk = live.client();
  json unmasked = statement_registration("ST-1");
  unmasked["number"] = "ST-0001";
  unmasked["masked_name"] = "张伟";
  live.check(kiosk->Post("/api/v1/statements", unmasked.dump(), "application/json"),
             "/api/v1/statements", "post", 422, "Error");
  json other = statement_registration("ST-0002");
  other["terminal_id"] = "DEMO-0002";
  live.check(kiosk->Post("/api/v1/statements", other.dump(), "application/json"),
             "/api/v1/statements", "post", 403, "Error");
  json reversed = statement_registration("ST-0003");
  reversed["period"] = {{"from", "2026-11-28"}, {"to", "2026-01-01"}};
  live.check(kiosk->Post("/api/v1/statements", reversed.dump(), "application/json"),
             "/api/v1/statements", "post", 422, "Error");
  json bad_date = statement_registration("ST-0004");
  bad_date["period"]["to"] = "2026-02-30";
  live.check(kiosk->Post("/api/v1/statements", bad_date.dump(), "application/json"),
             "/api/v1/statements", "post", 422, "Error");
  live.check(kiosk->Get("/api/v1/statements/ST-0001"), "/api/v1/statements/{number}", "get", 404,
             "Error");
}
