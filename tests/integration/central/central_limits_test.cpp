// The central front's limits, against the real processes deploy/central.sh starts (nginx with
// mutual TLS in front of kiosk-central on a Unix socket), on SQLite and on PostgreSQL: slow
// clients, huge and compressed bodies, a lookup flood, requests in progress per certificate
// and per address. Each case is one finding of issues 10 and 15; the figures it measures are
// printed so the run records them.
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

#include <fmt/core.h>
#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "central_front.h"
#include "kiosk/sync/reply.h"
#include "processes.h"
#include "server/subject.h"

using namespace kiosk;
using namespace server::test;
using namespace std::chrono;
namespace fs = std::filesystem;
using nlohmann::json;

using server::test::IgnoreSigpipe;

TEST_CASE("slow clients that hold connections do not delay a kiosk's request") {
  IgnoreSigpipe ignore_sigpipe;
  const std::string engine = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  INFO("kiosk-central on " << engine);
  Front front(engine);
  const int port = front.port();
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
  const std::string engine = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  INFO("kiosk-central on " << engine);
  Front front(engine);
  const auto before = processes(front);
  REQUIRE(before.central > 0);
  REQUIRE(before.nginx.size() >= 2);
  // What kiosk-central holds before any body: in the ASan build most of it is the binary's own
  // data pages, which ASan touches at start-up; the body must not add to it.
  const long central_start = status_kb(before.central, "VmHWM");
  constexpr std::size_t kTotal = 500u << 20, kChunk = 64u << 10;
  const std::string chunk = fmt::format("{:x}\r\n{}\r\n", kChunk, std::string(kChunk, '{'));

  for (const bool with_cert : {false, true}) {
    INFO((with_cert ? "with the kiosk certificate" : "without a certificate"));
    TlsConnection c(front.port(), front.tls, with_cert);
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
  const auto after = processes(front);
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
  const std::string engine = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  INFO("kiosk-central on " << engine);
  Front front(engine);
  const fs::path bomb = front.dir.path() / "bomb.gz";
  // 200 MB of JSON-ish filler packed into ~200 KB: what inflating it would cost.
  auto made = kiosk::test::run_command(
      fmt::format("head -c 200000000 /dev/zero | tr '\\0' ' ' | gzip -9 > '{}'", bomb.string()));
  REQUIRE(made.status == 0);
  const std::string gz = read_file(bomb);
  REQUIRE(gz.size() < 1'000'000);
  const long central_before = status_kb(processes(front).central, "VmHWM");

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
  auto small = kiosk::test::run_command("printf '{}' | gzip -9");
  REQUIRE(small.status == 0);
  httplib::Client direct((front.central_dir() / "run" / "central-1.sock").string(), 80);
  direct.set_address_family(AF_UNIX);
  auto inner = direct.Post("/api/v1/heartbeat",
                           {{"Content-Encoding", "gzip"},
                            {server::kVerifyHeader, "SUCCESS"},
                            {server::kSubjectHeader, "CN=DEMO-0001"}},
                           small.out, "application/json");
  REQUIRE(inner);
  CHECK(inner->status == 415);
  const long central_after = status_kb(processes(front).central, "VmHWM");
  fmt::print("gzip body of {} bytes: 415; kiosk-central peak {} kB -> {} kB\n", gz.size(),
             central_before, central_after);
  CHECK(central_after - central_before < 16 * 1024);
}

TEST_CASE("a flood of lookups from one kiosk is throttled with 429 and Retry-After") {
  const std::string engine = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  INFO("kiosk-central on " << engine);
  Front front(engine);
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
  kiosk::test::make_cert(front.tls, front.dir.path(), "kiosk2", "DEMO-0002", "", 30, true);
  auto options = front.kiosk_options();
  options.cert_file = front.dir.path() / "kiosk2.pem";
  options.key_file = front.dir.path() / "kiosk2.key";
  auto other = sync::Client::create(options);
  REQUIRE(other);
  CHECK(other->lookup(kMemberId));
}

// A city's terminals may all reach the front through one NAT address: requests in progress
// are limited per certificate (16), and only generously per address.
TEST_CASE("terminals sharing one address are limited per certificate, not by the address") {
  IgnoreSigpipe ignore_sigpipe;
  const std::string engine = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  INFO("kiosk-central on " << engine);
  Front front(engine);
  constexpr int kTerminals = 6, kPerCertificate = 16;
  for (int t = 0; t < kTerminals; ++t) {
    REQUIRE(make_terminal(front.tls, fmt::format("NAT-{:02}", t), "CENTRE-NAT"));
  }
  auto cert = [&](int t) { return front.tls / "terminals" / fmt::format("NAT-{:02}", t); };
  // A heartbeat whose body never comes: nginx counts it as in progress from its header on,
  // until the body timeout (10 s) ends it.
  const std::string held =
      "POST /api/v1/heartbeat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      "Content-Length: 100\r\n\r\n";
  std::vector<std::unique_ptr<TlsConnection>> holding;
  for (int t = 0; t + 1 < kTerminals; ++t) {
    for (int i = 0; i < kPerCertificate; ++i) {
      holding.push_back(std::make_unique<TlsConnection>(front.port(), front.tls, true, cert(t)));
      REQUIRE(holding.back()->write(held));
    }
  }
  // 80 requests in progress from 127.0.0.1, more than the 64 per address that stopped a city
  // behind one NAT: none was refused, each still waits for its body.
  int answered = 0;
  for (auto& c : holding) {
    if (!c->read_some(milliseconds(20)).empty()) ++answered;
  }
  fmt::print("{} requests in progress from one address over {} certificates; {} answered\n",
             holding.size(), kTerminals - 1, answered);
  CHECK(answered == 0);
  // A 17th from one certificate is refused at once...
  TlsConnection extra(front.port(), front.tls, true, cert(0));
  REQUIRE(extra.write("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n"));
  const RawReply refused = read_reply(extra, seconds(5));
  INFO(refused.head);
  CHECK(refused.status == 429);
  // ...while another terminal at the same address is served.
  TlsConnection other(front.port(), front.tls, true, cert(kTerminals - 1));
  REQUIRE(other.write("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n"));
  const RawReply served = read_reply(other, seconds(5));
  INFO(served.head);
  CHECK(served.status == 200);
}
