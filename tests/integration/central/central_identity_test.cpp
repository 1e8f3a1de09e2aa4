// Who a request comes from, at the central front (deploy/central.sh: nginx with mutual TLS in
// front of kiosk-central), on SQLite and on PostgreSQL: only strong TLS, identity from the
// verified certificate alone (never from a header a client sends), the terminal id from the
// subject's single CN, and text that is not UTF-8 refused.
#include <set>
#include <sstream>

#include <fmt/core.h>
#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "central_front.h"
#include "server/subject.h"

using namespace kiosk;
using namespace server::test;
using namespace std::chrono;
namespace fs = std::filesystem;
using nlohmann::json;

TEST_CASE("invalid UTF-8 in a JSON string answers 400, in lookups, heartbeats and claims") {
  const std::string engine = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  INFO("kiosk-central on " << engine);
  Front front(engine);
  auto c = front.https();
  const std::string bad = "\xff\xfe";
  auto lookup =
      c->Post("/api/v1/members/lookup", R"({"id_number":")" + bad + R"("})", "application/json");
  REQUIRE(lookup);
  CHECK(lookup->status == 400);
  auto beat =
      c->Post("/api/v1/heartbeat", heartbeat("DEMO-0001", "o" + bad + "k"), "application/json");
  REQUIRE(beat);
  CHECK(beat->status == 400);
  json claim = json::parse(read_file(kiosk::test::source("deploy/api/examples/claim.json")));
  std::string text = claim.dump();
  const std::string name = claim["member"]["name"];
  text.replace(text.find(name), name.size(), "\xe5\xbc" + bad);
  auto posted = c->Post("/api/v1/claims", {{"Idempotency-Key", claim["claim_uuid"]}}, text,
                        "application/json");
  REQUIRE(posted);
  CHECK(posted->status == 400);
  for (const auto* res : {&lookup, &beat, &posted}) {
    INFO((*res)->body);
    const json body = json::parse((*res)->body);  // valid UTF-8 JSON, the bad bytes replaced
    CHECK(body["code"] == "bad_request");
  }
}

TEST_CASE("TLS 1.2 without forward secrecy or with CBC, and TLS 1.1, are refused") {
  const std::string engine = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  INFO("kiosk-central on " << engine);
  Front front(engine);
  const std::string connect = fmt::format(
      "openssl s_client -connect 127.0.0.1:{} -CAfile '{}' -cert '{}' -key '{}' </dev/null 2>&1",
      front.port(), (front.tls / "ca.pem").string(), (front.tls / "kiosk.pem").string(),
      (front.tls / "kiosk.key").string());
  auto handshake = [&](const std::string& args) {
    auto r = kiosk::test::run_command(connect + " " + args);
    const bool ok = r.out.find("Cipher is (NONE)") == std::string::npos &&
                    r.out.find("Verify return code: 0") != std::string::npos;
    INFO(args << "\n" << r.out.substr(0, 600));
    return ok && r.status == 0;
  };
  // Weak suites, each offered alone (SECLEVEL=0 so the refusal is the server's, not ours).
  for (const char* weak :
       {"AES128-SHA", "AES256-SHA256", "AES128-GCM-SHA256", "ECDHE-RSA-AES128-SHA",
        "ECDHE-RSA-AES256-SHA384", "DHE-RSA-AES128-GCM-SHA256"}) {
    INFO(weak);
    CHECK_FALSE(handshake(fmt::format("-tls1_2 -cipher '{}:@SECLEVEL=0'", weak)));
  }
  CHECK_FALSE(handshake("-tls1_1 -cipher 'DEFAULT:@SECLEVEL=0'"));
  CHECK(handshake("-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256"));
  CHECK(handshake("-tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305"));
  CHECK(handshake("-tls1_3"));
}

TEST_CASE("a client-sent X-Client-Subject cannot make a kiosk another terminal") {
  const std::string engine = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  INFO("kiosk-central on " << engine);
  Front front(engine);
  auto c = front.https();
  // DEMO-0001's certificate claims to be DEMO-0002 in the header nginx sets.
  auto forged = c->Post("/api/v1/heartbeat",
                        {{"X-Client-Subject", "CN=DEMO-0002,OU=kiosk,O=Kiosk Development"},
                         {"X-Client-Verify", "SUCCESS"}},
                        heartbeat("DEMO-0002"), "application/json");
  REQUIRE(forged);
  CHECK(forged->status == 403);
  auto own = c->Post("/api/v1/heartbeat", {{"X-Client-Subject", "CN=DEMO-0002"}},
                     heartbeat("DEMO-0001"), "application/json");
  REQUIRE(own);
  CHECK(own->status == 200);
  // Without a certificate the forged verdict gets nowhere.
  auto anonymous = front.https(false)->Get(
      "/api/v1/health", {{"X-Client-Verify", "SUCCESS"}, {"X-Client-Subject", "CN=DEMO-0001"}});
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  CHECK(json::parse(anonymous->body)["code"] == "unauthorized");

  // And kiosk-central has no door but its socket: no TCP socket among its descriptors.
  const auto p = processes(front);
  REQUIRE(p.central > 0);
  std::set<std::string> tcp_inodes;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::istringstream in(read_file(table));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string f;
      for (int i = 0; i < 10 && fields >> f; ++i) {
      }
      tcp_inodes.insert(f);  // the 10th field is the inode
    }
  }
  int sockets = 0;
  for (const auto& fd : fs::directory_iterator(fmt::format("/proc/{}/fd", p.central))) {
    std::error_code ec;
    const std::string target = fs::read_symlink(fd.path(), ec).string();
    if (!target.starts_with("socket:[")) continue;
    ++sockets;
    CHECK_FALSE(tcp_inodes.contains(target.substr(8, target.size() - 9)));
  }
  CHECK(sockets >= 1);
  // The socket's folder is closed to everyone but the account both processes run as.
  const auto run = fs::status(front.central_dir() / "run").permissions();
  CHECK((run & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
}

TEST_CASE("the terminal id is the single CN of the subject nginx passes") {
  using server::subject_common_name;
  CHECK(subject_common_name("CN=DEMO-0001,OU=kiosk,O=Kiosk Development") == "DEMO-0001");
  CHECK(subject_common_name("O=Kiosk Development,CN=DEMO-0001") == "DEMO-0001");
  CHECK(subject_common_name("CN=A\\,B,O=x") == "A,B");
  CHECK(subject_common_name("O=x+CN=DEMO-0002") == "DEMO-0002");
  CHECK(subject_common_name("CN=\\44EMO") == "DEMO");
  CHECK(subject_common_name("").empty());
  CHECK(subject_common_name("O=Kiosk Development").empty());
  CHECK(subject_common_name("CN=a,CN=b").empty());
  CHECK(subject_common_name("CN=#0403414243").empty());
  CHECK(subject_common_name("CN=\\E5\\BC\\A0").empty());  // not printable ASCII
  CHECK(subject_common_name("CN=").empty());
  CHECK(subject_common_name("CN=x\\").empty());
}
