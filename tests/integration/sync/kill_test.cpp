// `kioskctl sync run --until-empty` is SIGKILLed mid-drain again and again, then run to the
// end: the server holds every claim exactly once and the kiosk's acked set equals it. Counted
// in nginx's access log: one 201 per claim, and no claim POSTed again in a round that began
// after the kiosk's store had recorded it as acked.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include <fmt/core.h>
#include <catch2/catch.hpp>

#include "harness.h"
#include "outbox_util.h"

using namespace kiosk;
using namespace std::chrono;

namespace {
// Starts kioskctl; kills it after `kill_after` unless it ends first. Returns its exit status,
// or -1 when it was killed.
int run_sync(const std::vector<std::string>& args, milliseconds kill_after) {
  const std::string exe = test::binary("kiosk/ctl/kioskctl").string();
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::vector<const char*> argv{exe.c_str()};
    for (const auto& a : args) argv.push_back(a.c_str());
    argv.push_back(nullptr);
    if (::freopen("/dev/null", "w", stdout) == nullptr ||
        ::freopen("/dev/null", "w", stderr) == nullptr) {
      ::_exit(126);
    }
    ::execv(exe.c_str(), const_cast<char* const*>(argv.data()));
    ::_exit(127);
  }
  const auto deadline = steady_clock::now() + kill_after;
  int status = 0;
  while (steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
    std::this_thread::sleep_for(milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}
}  // namespace

TEST_CASE("SIGKILL of kioskctl sync run mid-drain and restarts until empty: exactly once") {
  constexpr int kClaims = 400;
  test::TempDir dir;
  const auto tls = dir.path() / "tls";
  test::make_dev_ca(tls);
  test::ServerProcess server(dir.path() / "central", tls);
  const auto db = dir.path() / "kiosk.db";
  std::set<std::string> saved;
  {
    auto store = test::open_store(db);
    saved = test::save_demo_claims(store, kClaims);
  }
  const std::vector<std::string> args{"sync",          "run",         "--db",      db.string(),
                                      "--server",      server.url(),  "--tls-dir", tls.string(),
                                      "--until-empty", "--timeout-s", "60"};
  int kills = 0, kills_mid_drain = 0, rounds = 0, last = -1, sent_after_ack = 0;
  std::size_t before = 0;
  for (; rounds < 40 && last != 0; ++rounds) {
    // What the kiosk had recorded as acked before this round, and where the log stood.
    std::set<std::string> acked_before;
    {
      auto store = test::open_store(db);
      acked_before = test::uuids_in_state(store, store::OutboxState::acked);
    }
    const std::size_t log_before = test::read_access_log(server.access_log()).size();
    last = run_sync(args, milliseconds(350 + 40 * rounds));
    const auto entries = test::read_access_log(server.access_log());
    for (std::size_t i = log_before; i < entries.size(); ++i) {
      if (entries[i].method == "POST" && acked_before.contains(entries[i].idempotency_key)) {
        ++sent_after_ack;
      }
    }
    const std::size_t now = test::list_claims(server.db()).size();
    if (last == -1) {
      ++kills;
      if (now > before && now < static_cast<std::size_t>(kClaims)) ++kills_mid_drain;
    }
    before = now;
  }
  INFO("rounds " << rounds << ", kills " << kills << ", mid-drain " << kills_mid_drain);
  REQUIRE(last == 0);
  CHECK(kills_mid_drain >= 2);

  auto store = test::open_store(db);
  CHECK(test::uuids_in_state(store, store::OutboxState::acked) == saved);
  CHECK(test::server_keys(server.db()) == saved);

  CHECK(sent_after_ack == 0);
  const auto posts = test::claim_posts(test::read_access_log(server.access_log()));
  int created_once = 0;
  for (const auto& key : saved) {
    if (posts.created.count(key) == 1 && posts.created.at(key) == 1) ++created_once;
  }
  CHECK(created_once == kClaims);
}
