// 1,000 claims through a fault proxy that resets, black-holes, delays, answers 500 or a
// captive-portal page, and cuts replies after the server committed: every claim arrives
// exactly once, and the kiosk's acked set is exactly the server's set. "Exactly once" is
// counted where it can fail: nginx's access log shows one 201 per key (the table's primary
// key alone could not show a duplicate), and the proxy saw no claim sent again after the
// kiosk was handed its 2xx.
#include <thread>

#include <fmt/core.h>
#include <catch2/catch.hpp>

#include "fault_proxy.h"
#include "harness.h"
#include "kiosk/sync/worker.h"
#include "outbox_util.h"

using namespace kiosk;
using namespace std::chrono;

TEST_CASE("1000 claims through a faulty network arrive exactly once") {
  constexpr int kClaims = 1000;
  test::TempDir dir;
  const auto tls = dir.path() / "tls";
  test::make_dev_ca(tls);
  test::ServerProcess server(dir.path() / "central", tls);
  test::FaultProxy proxy(
      {.upstream_port = server.port(),
       .tls_dir = tls,
       .reset_percent = 4,
       .black_hole_percent = 2,
       .delay_percent = 4,
       .http500_percent = 4,
       .captive_portal_percent = 3,
       .cut_after_commit_percent = 4,
       .delay_ms = 100,
       .seed = 20261129,
       .first_connections = {test::Fault::pass, test::Fault::black_hole, test::Fault::reset}});

  auto store = test::open_store(dir.path() / "kiosk.db");
  const auto saved = test::save_demo_claims(store, kClaims);

  auto client =
      sync::client_options_from_tls_dir(fmt::format("https://127.0.0.1:{}", proxy.port()), tls);
  client.connect_timeout = milliseconds(500);
  client.request_timeout = milliseconds(700);  // how long a black hole holds a request
  sync::SyncOptions options;
  options.terminal_id = "DEMO-0001";
  options.backoff = {milliseconds(20), milliseconds(200), 0.2};
  options.probe_interval = milliseconds(30);
  options.status_interval = seconds(2);
  options.heartbeat_interval = seconds(2);
  options.config_interval = seconds(5);
  sync::Worker worker(store, client, options);
  REQUIRE(worker.start());

  const auto deadline = steady_clock::now() + seconds(150);
  sync::SyncState state;
  while (steady_clock::now() < deadline) {
    state = worker.state();
    if (state.queue.acked == kClaims) break;
    std::this_thread::sleep_for(milliseconds(100));
  }
  worker.stop();
  state = worker.state();
  const auto faults = proxy.counts();
  std::string tally;
  for (const auto& [fault, n] : faults) tally += fmt::format(" {} {}", test::to_string(fault), n);
  fmt::print("faults:{}\n", tally);
  INFO("faults:" << tally);
  INFO("acked " << state.queue.acked << ", pending " << state.queue.pending << ", retry " << state.queue.retry_wait
                << ", quarantined " << state.queue.quarantined << ", last error "
                << (state.last_error_class ? core::to_string(*state.last_error_class) : "") << " "
                << state.last_error_message);
  REQUIRE(state.queue.acked == kClaims);
  CHECK(state.queue.quarantined == 0);

  const auto acked = test::uuids_in_state(store, store::OutboxState::acked);
  const auto on_server = test::server_keys(server.db());
  CHECK(acked == saved);
  CHECK(on_server == saved);
  CHECK(on_server.size() == kClaims);

  const auto traffic = proxy.claim_traffic();
  const auto posts = test::claim_posts(test::read_access_log(server.access_log()));
  int resent = 0, created_twice = 0, retried = 0;
  for (const auto& key : saved) {
    INFO(key);
    CHECK(posts.created.count(key) == 1);
    if (posts.created.count(key) == 1 && posts.created.at(key) != 1) ++created_twice;
    CHECK(traffic.acks_delivered.count(key) == 1);
    if (traffic.acks_delivered.count(key) == 1 && traffic.acks_delivered.at(key) != 1) ++resent;
    if (posts.posts.count(key) == 1 && posts.posts.at(key) > 1) ++retried;
  }
  fmt::print("claims POSTed more than once (after a fault): {}\n", retried);
  CHECK(traffic.sent_after_ack.empty());
  CHECK(resent == 0);
  CHECK(created_twice == 0);
  CHECK(retried > 0);  // the faults made the kiosk send again, and still one 201 each

  // Every kind of fault really happened, so the run proves something.
  for (auto fault :
       {test::Fault::reset, test::Fault::black_hole, test::Fault::delay, test::Fault::http500,
        test::Fault::captive_portal, test::Fault::cut_after_commit}) {
    INFO(test::to_string(fault));
    CHECK(faults.count(fault) == 1);
  }
}
