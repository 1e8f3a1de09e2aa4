// The central front under attack, against the real processes deploy/central.sh starts: nginx
// (mutual TLS, limits) in front of kiosk-central on a Unix socket. Each case is one finding of
// issue 10; the figures it measures are printed so the run records them.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/core.h>
#include <httplib.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness.h"
#include "kiosk/sync/client.h"
#include "kiosk/sync/reply.h"
#include "processes.h"
#include "server/subject.h"

using namespace kiosk;
using namespace std::chrono;
namespace fs = std::filesystem;
using nlohmann::json;

using server::test::children;
using server::test::comm;
using server::test::IgnoreSigpipe;

namespace {
constexpr const char* kMemberId = "110105198503172314";  // assets/demo/cards/01-resident.card

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A central side with its own dev CA, started the way production starts it.
struct Front {
  test::TempDir dir;
  fs::path tls = dir.path() / "tls";
  std::unique_ptr<test::ServerProcess> server;
  Front() {
    test::make_dev_ca(tls);
    server = std::make_unique<test::ServerProcess>(dir.path() / "central", tls);
  }
  sync::ClientOptions kiosk_options() const {
    auto options = sync::client_options_from_tls_dir(server->url(), tls);
    options.connect_timeout = seconds(5);
    options.request_timeout = seconds(10);
    return options;
  }
  // A plain HTTPS client (kept-alive), with the kiosk's certificate unless `with_cert` is off.
  std::unique_ptr<httplib::SSLClient> https(bool with_cert = true) const {
    auto c = with_cert ? std::make_unique<httplib::SSLClient>("127.0.0.1", server->port(),
                                                              (tls / "kiosk.pem").string(),
                                                              (tls / "kiosk.key").string())
                       : std::make_unique<httplib::SSLClient>("127.0.0.1", server->port());
    c->set_ca_cert_path((tls / "ca.pem").c_str());
    c->enable_server_certificate_verification(true);
    c->set_connection_timeout(5);
    c->set_read_timeout(30);
    c->set_keep_alive(true);
    return c;
  }
};

// The processes central.sh runs: kiosk-central, and nginx's master and workers.
struct Processes {
  pid_t central = -1;
  std::vector<pid_t> nginx;
};
Processes processes(const test::ServerProcess& server) {
  Processes p;
  for (pid_t child : children(server.pid())) {
    const std::string name = comm(child);
    if (name == "kiosk-central") p.central = child;
    if (name == "nginx") {
      p.nginx.push_back(child);
      for (pid_t worker : children(child)) p.nginx.push_back(worker);
    }
  }
  return p;
}

// A line of /proc/PID/status in kB: VmRSS now, VmHWM the peak so far.
long status_kb(pid_t pid, const std::string& field) {
  std::istringstream in(read_file(fmt::format("/proc/{}/status", pid)));
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(field + ":")) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

bool alive(pid_t pid) {
  return ::kill(pid, 0) == 0;
}

int tcp_connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

// A raw TLS connection, optionally with a client certificate; the test writes bytes itself.
struct TlsConnection {
  SSL_CTX* ctx = nullptr;
  SSL* ssl = nullptr;
  int fd = -1;
  TlsConnection(int port, const fs::path& tls, bool with_cert) {
    ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_load_verify_locations(ctx, (tls / "ca.pem").c_str(), nullptr);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    if (with_cert) {
      SSL_CTX_use_certificate_chain_file(ctx, (tls / "kiosk.pem").c_str());
      SSL_CTX_use_PrivateKey_file(ctx, (tls / "kiosk.key").c_str(), SSL_FILETYPE_PEM);
    }
    fd = tcp_connect(port);
    ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    REQUIRE(SSL_connect(ssl) == 1);
  }
  ~TlsConnection() {
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    ::close(fd);
    ERR_clear_error();
  }
  bool write(std::string_view data) {
    while (!data.empty()) {
      const int n = SSL_write(ssl, data.data(), static_cast<int>(data.size()));
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  // Whatever arrives within `wait` (empty when the peer closed or nothing came).
  std::string read_some(milliseconds wait) {
    timeval tv{static_cast<time_t>(wait.count() / 1000),
               static_cast<suseconds_t>((wait.count() % 1000) * 1000)};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buffer[4096];
    const int n = SSL_read(ssl, buffer, sizeof buffer);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
  }
};

// The status code and body of a raw HTTP/1.1 reply that `read` delivers in pieces.
struct RawReply {
  int status = 0;
  std::string head, body;
};
RawReply read_reply(TlsConnection& c, milliseconds wait) {
  RawReply r;
  std::string data;
  const auto deadline = steady_clock::now() + wait;
  while (steady_clock::now() < deadline) {
    std::string more = c.read_some(milliseconds(200));
    data += more;
    const auto end = data.find("\r\n\r\n");
    if (end != std::string::npos) {
      r.head = data.substr(0, end);
      const auto at = r.head.find("Content-Length: ");
      const std::size_t length = at == std::string::npos ? 0 : std::stoul(r.head.substr(at + 16));
      if (data.size() >= end + 4 + length) {
        r.body = data.substr(end + 4, length);
        r.status = std::stoi(r.head.substr(9, 3));
        return r;
      }
    }
  }
  return r;
}

std::string heartbeat(const std::string& terminal, const std::string& printer = "ok") {
  return R"({"terminal_id":")" + terminal + R"(","version":"0.1.0",
    "sent_at":"2026-11-28T10:00:00+08:00","queue":{"pending":0,"sending":0,"retry_wait":0,
    "acked":1,"quarantined":0,"oldest_pending_age_s":0},"last_success_at":null,
    "last_error_class":null,"devices":{"printer":")" +
         printer + R"("}})";
}
}  // namespace

TEST_CASE("slow clients that hold connections do not delay a kiosk's request") {
  IgnoreSigpipe ignore_sigpipe;
  Front front;
  const int port = front.server->port();
  constexpr int kDribblers = 8, kSilent = 8;
  // 8 TLS connections without a certificate that send one header line every 2 s, and 8 TCP
  // connections that never start the handshake.
  std::atomic<bool> stop{false};
  std::vector<std::unique_ptr<TlsConnection>> dribblers;
  for (int i = 0; i < kDribblers; ++i) {
    dribblers.push_back(std::make_unique<TlsConnection>(port, front.tls, false));
    REQUIRE(dribblers.back()->write("POST /api/v1/claims HTTP/1.1\r\nHost: x\r\n"));
  }
  std::vector<int> silent;
  for (int i = 0; i < kSilent; ++i) silent.push_back(tcp_connect(port));
  const auto held_since = steady_clock::now();
  std::vector<milliseconds> cut_after(kDribblers, milliseconds(-1));
  std::thread dribble([&] {
    while (!stop) {
      for (int i = 0; i < kDribblers; ++i) {
        if (cut_after[static_cast<std::size_t>(i)].count() >= 0) continue;
        if (!dribblers[static_cast<std::size_t>(i)]->write("X-Slow: 1\r\n")) {
          cut_after[static_cast<std::size_t>(i)] =
              duration_cast<milliseconds>(steady_clock::now() - held_since);
        }
      }
      for (int t = 0; t < 20 && !stop; ++t) std::this_thread::sleep_for(milliseconds(100));
    }
  });

  // The kiosk's requests, each on a new connection (a handshake too), while all are held.
  auto options = front.kiosk_options();
  options.reuse_connection = false;
  auto client = sync::Client::create(options);
  REQUIRE(client);
  milliseconds worst{0};
  for (int i = 0; i < 5; ++i) {
    const auto start = steady_clock::now();
    auto found = client->lookup(kMemberId);
    const auto took = duration_cast<milliseconds>(steady_clock::now() - start);
    INFO((found ? std::string("found") : found.error().message));
    REQUIRE(found);
    worst = std::max(worst, took);
    std::this_thread::sleep_for(milliseconds(300));
  }
  fmt::print("slow clients: {} dribbling TLS + {} silent TCP held; worst kiosk lookup {} ms\n",
             kDribblers, kSilent, worst.count());
  CHECK(worst < milliseconds(1000));

  // nginx's header timeout (10 s) counts from the first byte, not the last: each dribbler
  // is cut although it never stopped sending.
  const auto deadline = held_since + seconds(30);
  while (steady_clock::now() < deadline &&
         std::any_of(cut_after.begin(), cut_after.end(), [](auto t) { return t.count() < 0; })) {
    std::this_thread::sleep_for(milliseconds(200));
  }
  stop = true;
  dribble.join();
  for (int fd : silent) ::close(fd);
  for (auto t : cut_after) {
    INFO("a dribbler was cut after " << t.count() << " ms");
    CHECK(t.count() >= 0);
  }
}

TEST_CASE("a 500 MiB chunked body is refused with nginx and kiosk-central staying small") {
  IgnoreSigpipe ignore_sigpipe;
  Front front;
  const auto before = processes(*front.server);
  REQUIRE(before.central > 0);
  REQUIRE(before.nginx.size() >= 2);
  // What kiosk-central holds before any body: in the ASan build most of it is the binary's own
  // data pages, which ASan touches at start-up; the body must not add to it.
  const long central_start = status_kb(before.central, "VmHWM");
  constexpr std::size_t kTotal = 500u << 20, kChunk = 64u << 10;
  const std::string chunk = fmt::format("{:x}\r\n{}\r\n", kChunk, std::string(kChunk, '{'));

  for (const bool with_cert : {false, true}) {
    INFO((with_cert ? "with the kiosk certificate" : "without a certificate"));
    TlsConnection c(front.server->port(), front.tls, with_cert);
    REQUIRE(
        c.write("POST /api/v1/claims HTTP/1.1\r\nHost: localhost\r\nIdempotency-Key: "
                "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b\r\nContent-Type: application/json\r\n"
                "Transfer-Encoding: chunked\r\n\r\n"));
    // Stream the body from one reused chunk; stop when a reply arrives or writing fails.
    std::atomic<bool> answered{false};
    std::atomic<std::size_t> sent{0};
    std::thread writer([&] {
      while (sent < kTotal && !answered) {
        if (!c.write(chunk)) break;
        sent += kChunk;
      }
    });
    const RawReply reply = read_reply(c, seconds(60));
    answered = true;
    ::shutdown(c.fd, SHUT_RDWR);
    writer.join();
    INFO(reply.head << "\n" << reply.body);
    CHECK(reply.status == (with_cert ? 413 : 401));
    CHECK(json::parse(reply.body).contains("code"));
    fmt::print("chunked body {}: refused with {} after {} MiB sent\n",
               with_cert ? "with a certificate" : "without a certificate", reply.status,
               sent / (1u << 20));
  }
  const auto after = processes(*front.server);
  const long central_peak = status_kb(after.central, "VmHWM");
  long nginx_peak = 0;
  for (pid_t p : after.nginx) nginx_peak = std::max(nginx_peak, status_kb(p, "VmHWM"));
  fmt::print("peak resident memory: kiosk-central {} kB, largest nginx process {} kB\n",
             central_peak, nginx_peak);
  CHECK(central_peak > 0);
  CHECK(central_peak - central_start < 16 * 1024);
  CHECK(nginx_peak > 0);
  CHECK(nginx_peak < 64 * 1024);
}

TEST_CASE("a compressed request body is refused with 415 by nginx and by kiosk-central") {
  Front front;
  const fs::path bomb = front.dir.path() / "bomb.gz";
  // 200 MB of JSON-ish filler packed into ~200 KB: what inflating it would cost.
  auto made = test::run_command(
      fmt::format("head -c 200000000 /dev/zero | tr '\\0' ' ' | gzip -9 > '{}'", bomb.string()));
  REQUIRE(made.status == 0);
  const std::string gz = read_file(bomb);
  REQUIRE(gz.size() < 1'000'000);
  const long central_before = status_kb(processes(*front.server).central, "VmHWM");

  auto c = front.https();
  auto res = c->Post(
      "/api/v1/claims",
      {{"Content-Encoding", "gzip"}, {"Idempotency-Key", "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b"}},
      gz, "application/json");
  REQUIRE(res);
  CHECK(res->status == 415);
  CHECK(json::parse(res->body)["code"] == "unsupported_media_type");

  // kiosk-central refuses it as well, should anything but this nginx reach its socket. (A
  // small body: it answers before reading one, and a writer still sending would get EPIPE.)
  auto small = test::run_command("printf '{}' | gzip -9");
  REQUIRE(small.status == 0);
  httplib::Client direct((front.server->dir() / "run" / "central-1.sock").string(), 80);
  direct.set_address_family(AF_UNIX);
  auto inner = direct.Post("/api/v1/heartbeat",
                           {{"Content-Encoding", "gzip"},
                            {server::kVerifyHeader, "SUCCESS"},
                            {server::kSubjectHeader, "CN=DEMO-0001"}},
                           small.out, "application/json");
  REQUIRE(inner);
  CHECK(inner->status == 415);
  const long central_after = status_kb(processes(*front.server).central, "VmHWM");
  fmt::print("gzip body of {} bytes: 415; kiosk-central peak {} kB -> {} kB\n", gz.size(),
             central_before, central_after);
  CHECK(central_after - central_before < 16 * 1024);
}

TEST_CASE("a flood of lookups from one kiosk is throttled with 429 and Retry-After") {
  Front front;
  auto c = front.https();
  const std::string body = json{{"id_number", kMemberId}}.dump();
  int admitted = 0, admitted_before_429 = -1, limited = 0;
  std::string retry_after, limited_code;
  double first_429_s = 0;
  const auto start = steady_clock::now();
  const auto flood = seconds(3);
  while (steady_clock::now() - start < flood) {
    auto res = c->Post("/api/v1/members/lookup", body, "application/json");
    REQUIRE(res);
    if (res->status == 200) {
      ++admitted;
    } else {
      REQUIRE(res->status == 429);
      if (admitted_before_429 < 0) {
        admitted_before_429 = admitted;
        first_429_s = duration<double>(steady_clock::now() - start).count();
        retry_after = res->get_header_value("Retry-After");
        limited_code = json::parse(res->body)["code"];
      }
      ++limited;
    }
  }
  const double seconds_taken = duration<double>(steady_clock::now() - start).count();
  fmt::print(
      "lookup flood: {} admitted before the first 429 (after {:.2f} s), {} admitted and "
      "{} refused in {:.1f} s ({:.1f} admitted/s)\n",
      admitted_before_429, first_429_s, admitted, limited, seconds_taken, admitted / seconds_taken);
  // The burst of 10, plus what the rate of 5 a second refilled while the burst was used.
  CHECK(admitted_before_429 >= 10);
  CHECK(admitted_before_429 <= 10 + 5 * first_429_s + 2);
  CHECK(limited > 0);
  CHECK(retry_after == "1");
  CHECK(limited_code == "rate_limited");
  // 5 a second after the burst of 10: a margin of 3 for the edges of the window.
  CHECK(admitted <= 10 + 5 * seconds_taken + 3);

  // The kiosk's client reports it as busy (the screen says "busy, try again"), and a claim
  // that meets a 429 waits to be sent again: it is never quarantined.
  auto client = sync::Client::create(front.kiosk_options());
  REQUIRE(client);
  // The allowance refills at 5 a second: ask until the throttle answers.
  std::optional<sync::SyncError> busy;
  for (int i = 0; i < 40 && !busy; ++i) {
    if (auto found = client->lookup(kMemberId); !found) busy = found.error();
  }
  REQUIRE(busy);
  INFO(busy->message);
  CHECK(busy->cls == sync::ErrorClass::busy);
  CHECK(busy->http_status == 429);
  sync::HttpReply reply;
  reply.status = 429;
  reply.content_type = "application/json";
  reply.body = R"({"code":"rate_limited","message":"too many requests"})";
  const auto outcome = sync::classify_claim_reply(reply, "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b");
  CHECK(outcome.kind == sync::ClaimOutcome::Kind::retry);
  CHECK(outcome.error.cls == sync::ErrorClass::busy);

  // Another kiosk's certificate has its own allowance.
  test::make_cert(front.tls, front.dir.path(), "kiosk2", "DEMO-0002", "", 30, true);
  auto options = front.kiosk_options();
  options.cert_file = front.dir.path() / "kiosk2.pem";
  options.key_file = front.dir.path() / "kiosk2.key";
  auto other = sync::Client::create(options);
  REQUIRE(other);
  CHECK(other->lookup(kMemberId));
}

TEST_CASE("invalid UTF-8 in a JSON string answers 400, in lookups, heartbeats and claims") {
  Front front;
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
  json claim = json::parse(read_file(test::source("deploy/api/examples/claim.json")));
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
  Front front;
  const std::string connect = fmt::format(
      "openssl s_client -connect 127.0.0.1:{} -CAfile '{}' -cert '{}' -key '{}' </dev/null 2>&1",
      front.server->port(), (front.tls / "ca.pem").string(), (front.tls / "kiosk.pem").string(),
      (front.tls / "kiosk.key").string());
  auto handshake = [&](const std::string& args) {
    auto r = test::run_command(connect + " " + args);
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
  Front front;
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
  const auto p = processes(*front.server);
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
  const auto run = fs::status(front.server->dir() / "run").permissions();
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

TEST_CASE("SIGTERM stops nginx and kiosk-central within seconds, connections open or not") {
  Front front;
  const auto p = processes(*front.server);
  REQUIRE(p.central > 0);
  REQUIRE_FALSE(p.nginx.empty());
  // A kept-alive kiosk connection, and a dribbler in the middle of its header.
  auto c = front.https();
  REQUIRE(c->Get("/api/v1/health"));
  TlsConnection slow(front.server->port(), front.tls, false);
  REQUIRE(slow.write("GET /api/v1/health HTTP/1.1\r\n"));
  const auto took = front.server->stop();
  fmt::print("central.sh stopped nginx and kiosk-central in {} ms\n", took.count());
  CHECK(took < seconds(5));
  CHECK_FALSE(alive(p.central));
  for (pid_t n : p.nginx) CHECK_FALSE(alive(n));
}

TEST_CASE("kiosk-central alone stops within 2 s of SIGTERM while a connection idles") {
  test::TempDir dir;
  const fs::path socket = dir.path() / "run" / "central.sock";
  int out[2];
  REQUIRE(::pipe(out) == 0);
  const std::string exe = test::binary("server/kiosk-central").string();
  const std::string listen = "unix:" + socket.string(), db = (dir.path() / "c.db").string();
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    const int devnull = ::open("/dev/null", O_WRONLY);
    if (devnull >= 0) ::dup2(devnull, 2);  // its log
    ::execl(exe.c_str(), exe.c_str(), "--listen", listen.c_str(), "--db", db.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  std::string line;
  char ch;
  while (line.find('\n') == std::string::npos && ::read(out[0], &ch, 1) == 1) line += ch;
  ::close(out[0]);
  REQUIRE(line == "listening on " + listen + "\n");
  // nginx keeps idle connections to kiosk-central; one of them is open here.
  httplib::Client client(socket.string(), 80);
  client.set_address_family(AF_UNIX);
  client.set_keep_alive(true);
  auto res = client.Get("/api/v1/health", {{server::kVerifyHeader, "SUCCESS"},
                                           {server::kSubjectHeader, "CN=DEMO-0001"}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  const auto start = steady_clock::now();
  ::kill(pid, SIGTERM);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) != pid) {
    if (steady_clock::now() - start > seconds(30)) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
  const auto took = duration_cast<milliseconds>(steady_clock::now() - start);
  fmt::print("kiosk-central stopped in {} ms with an idle kept-alive connection\n", took.count());
  CHECK(took < seconds(2));
  CHECK(WIFEXITED(status));
  CHECK_FALSE(fs::exists(socket));
}

TEST_CASE("kiosk-central will not serve from a socket folder others can enter") {
  test::TempDir dir;
  const fs::path open_folder = dir.path() / "run";
  fs::create_directories(open_folder);
  fs::permissions(open_folder, fs::perms::owner_all | fs::perms::group_read |
                                   fs::perms::group_exec | fs::perms::others_read |
                                   fs::perms::others_exec);
  auto r = test::run_command(fmt::format("'{}' --listen 'unix:{}/central.sock' --db '{}/c.db' 2>&1",
                                         test::binary("server/kiosk-central").string(),
                                         open_folder.string(), dir.path().string()));
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(r.out.find("chmod 700") != std::string::npos);
  CHECK_FALSE(fs::exists(open_folder / "central.sock"));
  // And the old way in, TLS on a TCP port, is gone.
  auto tcp = test::run_command(fmt::format("'{}' --listen 127.0.0.1:0 --db '{}/c.db' 2>&1",
                                           test::binary("server/kiosk-central").string(),
                                           dir.path().string()));
  CHECK(tcp.status == 2);
  CHECK(tcp.out.find("unix:PATH") != std::string::npos);
}
