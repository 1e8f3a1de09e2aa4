// TLS refusals through the real front (nginx + kiosk-central, deploy/central.sh), each with
// its own error class: the server's certificate (unknown CA, wrong host name, expired: tls),
// ours (missing, unknown CA, expired, revoked: auth; a CN that is not the terminal: 403), and
// a clock far behind the trusted time (clock).
#include <optional>
#include <thread>

#include <fmt/core.h>
#include <catch2/catch.hpp>

#include "harness.h"
#include "kiosk/sync/client.h"

using namespace kiosk;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace {
// A TLS folder whose CA is `ca_dir`'s and whose certificates can be swapped for bad ones.
fs::path copy_tls(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  return to;
}

constexpr const char* kBeat = R"({"terminal_id":"DEMO-0001","version":"0.1.0",
    "sent_at":"2026-11-28T10:00:00+08:00","queue":{"pending":0,"sending":0,"retry_wait":0,
    "acked":1,"quarantined":0,"oldest_pending_age_s":0},"last_success_at":null,
    "last_error_class":null,"devices":{"printer":"ok"}})";

sync::SyncError health_error(sync::ClientOptions options,
                             std::shared_ptr<sync::ClockGuard> guard = nullptr) {
  options.connect_timeout = seconds(5);
  options.request_timeout = seconds(10);
  auto client = sync::Client::create(options, guard);
  REQUIRE(client);
  auto result = client->health();
  REQUIRE_FALSE(result);
  INFO(result.error().message);
  return result.error();
}
}  // namespace

TEST_CASE("the server's certificate: unknown CA, wrong host name and expired are class tls") {
  test::TempDir dir;
  const fs::path good = dir.path() / "good";
  test::make_dev_ca(good);

  SECTION("unknown CA: the kiosk pins another CA") {
    test::ServerProcess server(dir.path() / "central", good);
    const fs::path other = dir.path() / "other";
    test::make_dev_ca(other);
    auto options = sync::client_options_from_tls_dir(server.url(), good);
    options.ca_file = other / "ca.pem";
    CHECK(health_error(options).cls == sync::ErrorClass::tls);
  }
  SECTION("wrong host name") {
    const fs::path wrong = copy_tls(good, dir.path() / "wrong");
    test::make_cert(good, wrong, "server", "central.example", "DNS:central.example", 30, false);
    test::ServerProcess server(dir.path() / "central", wrong);
    CHECK(health_error(sync::client_options_from_tls_dir(server.url(), good)).cls ==
          sync::ErrorClass::tls);
  }
  SECTION("expired") {
    const fs::path expired = copy_tls(good, dir.path() / "expired");
    test::make_cert(good, expired, "server", "localhost", "DNS:localhost,IP:127.0.0.1", -2, false);
    test::ServerProcess server(dir.path() / "central", expired);
    auto error = health_error(sync::client_options_from_tls_dir(server.url(), good));
    CHECK(error.cls == sync::ErrorClass::tls);
    CHECK(error.message.find("expired") != std::string::npos);
  }
}

TEST_CASE("our certificate: none, from an unknown CA, expired or revoked is class auth") {
  test::TempDir dir;
  const fs::path good = dir.path() / "good";
  test::make_dev_ca(good);
  test::ServerProcess server(dir.path() / "central", good);
  auto options = sync::client_options_from_tls_dir(server.url(), good);
  // The kiosk presents a new certificate from our CA: CN, valid for `days` (< 0: expired).
  auto present = [&](const std::string& name, const std::string& cn, int days) {
    test::make_cert(good, dir.path(), name, cn, "", days, true);
    options.cert_file = dir.path() / (name + ".pem");
    options.key_file = dir.path() / (name + ".key");
  };

  SECTION("no client certificate") {
    options.cert_file.clear();
    options.key_file.clear();
    CHECK(health_error(options).cls == sync::ErrorClass::auth);
  }
  SECTION("a client certificate from another CA") {
    const fs::path other = dir.path() / "other";
    test::make_dev_ca(other);
    options.cert_file = other / "kiosk.pem";
    options.key_file = other / "kiosk.key";
    CHECK(health_error(options).cls == sync::ErrorClass::auth);
  }
  SECTION("an expired client certificate") {
    present("old-kiosk", "DEMO-0001", -2);
    CHECK(health_error(options).cls == sync::ErrorClass::auth);
  }
  SECTION("a revoked client certificate, once the CRL is reloaded (SIGHUP)") {
    present("lost-kiosk", "DEMO-0001", 30);
    {
      auto client = sync::Client::create(options);
      REQUIRE(client);
      REQUIRE(client->health());  // valid until revoked
    }
    auto revoked = test::run_command(
        fmt::format("'{}' --revoke '{}' '{}' 2>&1", test::source("deploy/dev-ca.sh").string(),
                    (server.dir() / "tls").string(), options.cert_file.string()));
    INFO(revoked.out);
    REQUIRE(revoked.status == 0);
    server.reload();
    // nginx starts new workers with the new CRL; a new connection meets one of them.
    const auto deadline = steady_clock::now() + seconds(20);
    std::optional<sync::SyncError> refused;
    while (!refused && steady_clock::now() < deadline) {
      auto client = sync::Client::create(options);
      REQUIRE(client);
      if (auto ok = client->health(); !ok) {
        refused = ok.error();
      } else {
        std::this_thread::sleep_for(milliseconds(50));
      }
    }
    REQUIRE(refused);
    INFO(refused->message);
    CHECK(refused->cls == sync::ErrorClass::auth);
    CHECK(refused->http_status == 401);
    CHECK(refused->message.find("revoked") != std::string::npos);
  }
  SECTION("a certificate whose CN is another terminal than the body's: 403") {
    present("other-kiosk", "DEMO-0002", 30);
    auto client = sync::Client::create(options);
    REQUIRE(client);
    REQUIRE(client->health());
    auto beat = client->heartbeat(kBeat);
    REQUIRE_FALSE(beat);
    CHECK(beat.error().http_status == 403);
    CHECK(beat.error().cls == sync::ErrorClass::auth);
  }
  SECTION("and the good one works") {
    auto client = sync::Client::create(options);
    REQUIRE(client);
    CHECK(client->health());
  }
}

TEST_CASE("a clock far behind the trusted time blocks HTTPS with class clock") {
  test::TempDir dir;
  const fs::path tls = dir.path() / "tls";
  test::make_dev_ca(tls);
  test::ServerProcess server(dir.path() / "central", tls);
  auto options = sync::client_options_from_tls_dir(server.url(), tls);
  auto offset = hours(0);
  auto guard =
      std::make_shared<sync::ClockGuard>(minutes(5), [&] { return system_clock::now() - offset; });
  auto client = sync::Client::create(options, guard);
  REQUIRE(client);
  REQUIRE(client->health());  // the server's Date is now the trusted time

  offset = hours(24 * 30);  // the clock jumped a month back (dead RTC battery)
  auto blocked = client->health();
  REQUIRE_FALSE(blocked);
  CHECK(blocked.error().cls == sync::ErrorClass::clock);
  CHECK(blocked.error().message.find("behind") != std::string::npos);
  const long opened = client->connections_opened();

  SECTION("a restarted terminal remembers the trusted time") {
    auto fresh = std::make_shared<sync::ClockGuard>(minutes(5),
                                                    [&] { return system_clock::now() - offset; });
    fresh->restore(guard->highest_trusted());
    CHECK(health_error(options, fresh).cls == sync::ErrorClass::clock);
  }
  SECTION("once the clock is right again, HTTPS works") {
    offset = hours(0);
    CHECK(client->health());
  }
  CHECK(opened == 1);  // the blocked request never reached the network
}
