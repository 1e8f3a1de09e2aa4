// A city's central side as deploy/central.sh runs it: nginx in front of two kiosk-central
// processes on one PostgreSQL (a real server, pg_cluster.h), terminals of two centres each with
// its own certificate. The same claim sent through both instances at once is stored once; an
// instance killed mid-load loses no acknowledged claim while nginx routes around it; a centre
// sees only its claims; rate limits are per certificate; a revoked certificate is refused after
// a reload while a request in flight completes.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/core.h>
#include <httplib.h>
#include <openssl/ssl.h>
#include <catch2/catch.hpp>

#include "central_launch.h"
#include "harness.h"
#include "pg_cluster.h"
#include "processes.h"

namespace {
namespace fs = std::filesystem;
using namespace server::test;
using namespace std::chrono;
using nlohmann::json;

// Two kiosk-central on a fresh PostgreSQL database (or one SQLite file), and terminals A-01,
// A-02 (CENTRE-A) and B-01 (CENTRE-B).
struct City {
  IgnoreSigpipe sigpipe;
  kiosk::test::TempDir dir;
  std::string db;
  std::unique_ptr<CentralRun> run;
  explicit City(int instances = 2, const std::string& engine = "postgresql") {
    if (engine == "sqlite") {
      db = "sqlite:" + (dir.path() / "central" / "central.db").string();
    } else {
      auto uri = fresh_postgres_database();
      INFO((uri ? std::string() : uri.error()));
      REQUIRE(uri);
      db = *uri;
    }
    const fs::path tls = dir.path() / "central" / "tls";
    auto ca = kiosk::test::run_command(fmt::format(
        "'{}' '{}' >/dev/null", kiosk::test::source("deploy/dev-ca.sh").string(), tls.string()));
    REQUIRE(ca.status == 0);
    for (auto [id, centre] : {std::pair{"A-01", "CENTRE-A"}, std::pair{"A-02", "CENTRE-A"},
                              std::pair{"B-01", "CENTRE-B"}}) {
      REQUIRE(make_terminal(tls, id, centre));
    }
    auto started =
        CentralRun::start(dir.path() / "central",
                          {"--demo-data", "--db", db, "--instances", std::to_string(instances)});
    INFO((started ? std::string() : started.error()));
    REQUIRE(started);
    run = std::move(*started);
  }
  std::unique_ptr<httplib::SSLClient> client(const std::string& terminal) const {
    const fs::path t = run->tls() / "terminals";
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", run->port(),
                                                  (t / (terminal + ".pem")).string(),
                                                  (t / (terminal + ".key")).string());
    c->set_ca_cert_path((run->tls() / "ca.pem").c_str());
    c->enable_server_certificate_verification(true);
    c->set_connection_timeout(5);
    c->set_read_timeout(30);
    c->set_keep_alive(true);
    return c;
  }
  int submit(httplib::SSLClient& c, const json& claim) const {
    auto r = c.Post("/api/v1/claims", {{"Idempotency-Key", claim["claim_uuid"]}}, claim.dump(),
                    "application/json");
    return r ? r->status : -1;
  }
  // The claims the database holds, as `kiosk-central list-claims` prints them.
  std::vector<json> stored(const std::string& filter = "") const {
    const std::string key = db.starts_with("sqlite:")
                                ? ""
                                : fmt::format("--key '{}'", (run->dir() / "central.key").string());
    auto r = kiosk::test::run_command(
        fmt::format("'{}' list-claims --db '{}' {} {}",
                    kiosk::test::binary("server/kiosk-central").string(), db, key, filter));
    REQUIRE(r.status == 0);
    std::vector<json> out;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) out.push_back(json::parse(line));
    return out;
  }
};
}  // namespace

// On each instance's socket as nginx would pass them: nginx itself allows one certificate 16
// requests at once (limit_conn), and this is about the database, not that limit.
TEST_CASE("50 identical claims at once, 25 to each instance: one 201, 49 200s, one row") {
  City city;
  REQUIRE(city.run->centrals().size() == 2);
  const json claim = demo_claim_request(1, "A-01", uuid_of(1));
  std::mutex mutex;
  std::multiset<int> statuses;
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      httplib::Client direct(
          (city.run->dir() / "run" / fmt::format("central-{}.sock", 1 + i % 2)).string(), 80);
      direct.set_address_family(AF_UNIX);
      direct.set_read_timeout(30);
      auto r = direct.Post("/api/v1/claims",
                           {{"Idempotency-Key", uuid_of(1)},
                            {"X-Client-Verify", "SUCCESS"},
                            {"X-Client-Subject", "CN=A-01,OU=CENTRE-A,O=Kiosk Development"}},
                           claim.dump(), "application/json");
      std::lock_guard lock(mutex);
      statuses.insert(r ? r->status : -1);
    });
  }
  for (auto& t : threads) t.join();
  CHECK(statuses.count(201) == 1);
  CHECK(statuses.count(200) == 49);
  CHECK(city.stored().size() == 1);
}

TEST_CASE("the same claim sent through nginx to two instances at once is stored once") {
  City city;
  const json claim = demo_claim_request(5, "A-01", uuid_of(5));
  std::mutex mutex;
  std::multiset<int> statuses;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto c = city.client("A-01");  // each its own connection, spread over both instances
      const int status = city.submit(*c, claim);
      std::lock_guard lock(mutex);
      statuses.insert(status);
    });
  }
  for (auto& t : threads) t.join();
  CHECK(statuses.count(201) == 1);
  CHECK(statuses.count(200) == 7);
  CHECK(city.stored().size() == 1);
  // Both instances served some of them (nginx sends connections round robin).
  for (int i = 1; i <= 2; ++i) {
    std::ifstream log(city.run->dir() / "logs" / fmt::format("central-{}.log", i));
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    CHECK(text.find("claim " + uuid_of(5)) != std::string::npos);
  }
}

TEST_CASE("a status set by the operator is read through either instance") {
  City city;
  auto a = city.client("A-01");
  REQUIRE(city.submit(*a, demo_claim_request(2, "A-01", uuid_of(2))) == 201);
  auto set = kiosk::test::run_command(
      fmt::format("'{}' set-status --db '{}' --key '{}' {} reviewing",
                  kiosk::test::binary("server/kiosk-central").string(), city.db,
                  (city.run->dir() / "central.key").string(), uuid_of(2)));
  REQUIRE(set.status == 0);
  // Each instance directly on its socket (nginx's verdict as headers), so both are asked.
  for (int i = 1; i <= 2; ++i) {
    httplib::Client direct((city.run->dir() / "run" / fmt::format("central-{}.sock", i)).string(),
                           80);
    direct.set_address_family(AF_UNIX);
    auto r = direct.Get("/api/v1/claims/" + uuid_of(2),
                        {{"X-Client-Verify", "SUCCESS"},
                         {"X-Client-Subject", "CN=A-01,OU=CENTRE-A,O=Kiosk Development"}});
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(json::parse(r->body)["status"] == "reviewing");
  }
}

// Group commit is on: eight uploads in flight make batches of several claims, and the kill
// lands while one is being written. A claim is answered only after its batch committed, so
// every 2xx is in the database; the rest of the batch is sent again and stored once.
TEST_CASE("one instance killed mid-load: every acknowledged claim is stored, nginx routes on") {
  const std::string engine = GENERATE(as<std::string>{}, "postgresql", "sqlite");
  INFO("kiosk-central on " << engine);
  City city(2, engine);
  auto centrals = city.run->centrals();
  REQUIRE(centrals.size() == 2);
  constexpr int kClaims = 240;
  std::atomic<int> next{0}, acked{0}, retried{0};
  std::atomic<bool> killed{false};
  std::mutex mutex;
  std::set<std::string> acknowledged;
  auto worker = [&](const std::string& terminal) {
    auto c = city.client(terminal);
    for (int n; (n = next++) < kClaims;) {
      const json claim = demo_claim_request(100 + n, terminal, uuid_of(100 + n));
      // As the kiosk does: a 5xx or a broken connection is sent again, a 2xx is an ack.
      for (int attempt = 0; attempt < 20; ++attempt) {
        const int status = city.submit(*c, claim);
        if (status == 200 || status == 201) {
          std::lock_guard lock(mutex);
          acknowledged.insert(claim["claim_uuid"]);
          break;
        }
        ++retried;
        std::this_thread::sleep_for(milliseconds(50));
      }
      if (++acked == kClaims / 4 && !killed.exchange(true)) ::kill(centrals[0], SIGKILL);
    }
  };
  std::vector<std::thread> uploads;
  for (const char* terminal : {"A-01", "A-02", "B-01", "A-01", "A-02", "B-01", "A-01", "A-02"}) {
    uploads.emplace_back(worker, terminal);
  }
  for (auto& t : uploads) t.join();
  REQUIRE(killed);
  CHECK(::kill(centrals[0], 0) != 0);
  INFO("retried " << retried.load() << " requests after the kill");
  CHECK(acknowledged.size() == kClaims);
  const auto rows = city.stored();
  std::set<std::string> keys;
  for (const auto& row : rows) keys.insert(row["claim_uuid"].get<std::string>());
  CHECK(rows.size() == kClaims);
  for (const auto& key : acknowledged) CHECK(keys.contains(key));
}

TEST_CASE("a centre's terminals see its claims, another centre's do not") {
  City city(1);
  auto a1 = city.client("A-01");
  REQUIRE(city.submit(*a1, demo_claim_request(3, "A-01", uuid_of(3))) == 201);
  auto a2 = city.client("A-02");
  auto same = a2->Get("/api/v1/claims/" + uuid_of(3));
  REQUIRE(same);
  CHECK(same->status == 200);
  auto b1 = city.client("B-01");
  auto other = b1->Get("/api/v1/claims/" + uuid_of(3));
  REQUIRE(other);
  CHECK(other->status == 404);
  CHECK(city.stored("--centre CENTRE-A").size() == 1);
  CHECK(city.stored("--centre CENTRE-B").empty());
  // A claim sent in another terminal's name is refused whatever the centre.
  CHECK(city.submit(*a2, demo_claim_request(4, "A-01", uuid_of(4))) == 403);
}

TEST_CASE("the lookup rate limit is per certificate: one terminal's flood leaves another served") {
  City city(1);
  auto a = city.client("A-01");
  const std::string body = R"({"id_number":"110105198503172314"})";
  auto b = city.client("B-01");
  REQUIRE(b->Get("/api/v1/health"));  // connected before A's flood
  bool limited = false;
  for (int i = 0; i < 100 && !limited; ++i) {
    auto r = a->Post("/api/v1/members/lookup", body, "application/json");
    REQUIRE(r);
    limited = r->status == 429;
  }
  REQUIRE(limited);
  auto r = b->Post("/api/v1/members/lookup", body, "application/json");
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("a revoked terminal is refused after a reload, a request in flight still completes") {
  City city(1);
  // A-01's heartbeat is half sent when the CRL is reloaded.
  const fs::path t = city.run->tls() / "terminals";
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_load_verify_locations(ctx, (city.run->tls() / "ca.pem").c_str(), nullptr);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_use_certificate_chain_file(ctx, (t / "A-01.pem").c_str());
  SSL_CTX_use_PrivateKey_file(ctx, (t / "A-01.key").c_str(), SSL_FILETYPE_PEM);
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(city.run->port()));
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  SSL_set_tlsext_host_name(ssl, "localhost");
  REQUIRE(SSL_connect(ssl) == 1);
  const std::string body = json{
      {"terminal_id", "A-01"},
      {"version", "1.0.0"},
      {"sent_at", "2026-11-28T10:00:00+08:00"},
      {"queue",
       {{"pending", 0},
        {"sending", 0},
        {"retry_wait", 0},
        {"acked", 0},
        {"quarantined", 0},
        {"oldest_pending_age_s", 0}}},
      {"last_success_at", nullptr},
      {"last_error_class", nullptr},
      {"devices",
       json::object()}}.dump();
  const std::string head = fmt::format(
      "POST /api/v1/heartbeat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      "Content-Length: {}\r\n\r\n",
      body.size());
  const std::string first = head + body.substr(0, body.size() / 2);
  REQUIRE(SSL_write(ssl, first.data(), static_cast<int>(first.size())) > 0);

  auto revoke = kiosk::test::run_command(fmt::format(
      "'{}' --revoke '{}' '{}' >/dev/null", kiosk::test::source("deploy/dev-ca.sh").string(),
      city.run->tls().string(), (t / "B-01.pem").string()));
  REQUIRE(revoke.status == 0);
  city.run->reload();
  bool refused = false;
  for (int i = 0; i < 100 && !refused; ++i) {
    auto b = city.client("B-01");
    auto r = b->Get("/api/v1/health");
    refused = r && r->status == 401;
    if (!refused) std::this_thread::sleep_for(milliseconds(100));
  }
  CHECK(refused);
  auto a2 = city.client("A-02");  // a terminal not revoked connects as before
  auto ok = a2->Get("/api/v1/health");
  REQUIRE(ok);
  CHECK(ok->status == 200);

  const std::string rest = body.substr(body.size() / 2);
  REQUIRE(SSL_write(ssl, rest.data(), static_cast<int>(rest.size())) > 0);
  std::string reply;
  char buffer[4096];
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  while (reply.find("\r\n\r\n") == std::string::npos) {
    const int n = SSL_read(ssl, buffer, sizeof buffer);
    if (n <= 0) break;
    reply.append(buffer, static_cast<std::size_t>(n));
  }
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  ::close(fd);
  CHECK(reply.starts_with("HTTP/1.1 200"));
}
