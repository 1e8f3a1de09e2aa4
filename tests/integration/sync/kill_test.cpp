// `kioskctl sync run --until-empty` is SIGKILLed mid-drain again and again, then run to the
// end: the server holds every claim exactly once and the kiosk's acked set equals it.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include <catch2/catch.hpp>
#include <fmt/core.h>

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
    if (::freopen("/dev/null", "w", stdout) == nullptr || ::freopen("/dev/null", "w", stderr) == nullptr) {
      ::_exit(126);
    }
    ::execv(exe.c_str(), const_cast<char* const*>(argv.data()));
    ::_exit(127);
  }
  const auto deadline = steady_clock::now() + kill_after;
  int status = 0;
  while (steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
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
  test::ServerProcess server(dir.path() / "central.db", tls);
  const auto db = dir.path() / "kiosk.db";
  std::set<std::string> saved;
  {
    auto store = test::open_store(db);
    saved = test::save_demo_claims(store, kClaims);
  }
  const std::vector<std::string> args{"sync", "run", "--db", db.string(), "--server", server.url(),
                                      "--tls-dir", tls.string(), "--until-empty",
                                      "--timeout-s", "60"};
  int kills = 0, kills_mid_drain = 0, rounds = 0, last = -1;
  std::size_t before = 0;
  for (; rounds < 40 && last != 0; ++rounds) {
    last = run_sync(args, milliseconds(350 + 40 * rounds));
    const std::size_t now = test::list_claims(dir.path() / "central.db").size();
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
  CHECK(test::server_keys(dir.path() / "central.db") == saved);
}
