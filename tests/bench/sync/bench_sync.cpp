// bench_sync [CLAIMS [reuse|fresh|engines]] (BENCH_DIR: where the databases live;
// BENCH_PARALLEL: uploads in flight, default the kiosk's 4): the outbox
// drained to the central side as it runs for real (deploy/central.sh: nginx terminating mutual TLS
// in front of kiosk-central) on loopback, once over reused connections and once with a new TLS
// connection per claim. Both runs use the real worker, store and server; the databases live on
// /dev/shm when it exists, so the figures measure the network path rather than the disk's fsync.
// Then, for scale, bare health checks show what HTTPS alone costs with and without reuse.
// `engines`: the drain over reused connections with kiosk-central on SQLite and on PostgreSQL,
// each once with a transaction per claim and once with group commit, in the same run.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include "kiosk/store/demo_claims.h"
#include "kiosk/store/store.h"
#include "kiosk/sync/worker.h"

namespace fs = std::filesystem;
using namespace kiosk;
using namespace std::chrono;

namespace {
[[noreturn]] void die(const std::string& message) {
  fmt::print(stderr, "bench_sync: {}\n", message);
  std::exit(1);
}

enum class GroupCommit { off, on };

// deploy/central.sh DIR --listen 127.0.0.1:0 [--db DB] [--group-commit off] with this build's
// kiosk-central; `pid` is the script's, and the server's CPU is that of its whole process tree
// (nginx, kiosk-central).
struct Server {
  fs::path state_dir;
  pid_t pid = -1;
  int port = 0;
  Server(const fs::path& dir, const fs::path& tls, const std::string& db = "",
         GroupCommit group = GroupCommit::on)
      : state_dir(dir) {
    fs::create_directories(dir);
    fs::copy(tls, dir / "tls", fs::copy_options::recursive);
    int out[2];
    if (::pipe(out) != 0) die("pipe failed");
    const std::string script = fs::path(KIOSK_SOURCE_DIR) / "deploy/central.sh";
    const std::string exe = fs::path(KIOSK_BINARY_DIR) / "server/kiosk-central";
    // Demo data: kiosk-central checks each claim's member and bills against its records.
    std::vector<std::string> args = {script,
                                     dir.string(),
                                     "--listen",
                                     "127.0.0.1:0",
                                     "--demo-data",
                                     "--group-commit",
                                     group == GroupCommit::on ? "on" : "off"};
    if (!db.empty()) args.insert(args.end(), {"--db", db});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid = ::fork();
    if (pid == 0) {
      ::setpgid(0, 0);
      // If the test process dies without stopping it, central.sh stops nginx and kiosk-central.
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      ::dup2(out[1], 1);
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 2);
      ::setenv("KIOSK_CENTRAL", exe.c_str(), 1);
      ::execv(script.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c;
    pollfd p{out[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && ::poll(&p, 1, 60000) > 0 &&
           ::read(out[0], &c, 1) == 1) {
      line += c;
    }
    ::close(out[0]);
    if (!line.starts_with("listening on ")) die("central.sh did not start: " + line);
    port = std::stoi(line.substr(line.rfind(':') + 1));
  }
  ~Server() {
    ::kill(pid, SIGTERM);
    ::waitpid(pid, nullptr, 0);
    // kiosk-central's own count of its transactions, logged as it stops.
    std::ifstream log(state_dir / "logs" / "central-1.log");
    for (std::string line; std::getline(log, line);) {
      if (const auto at = line.find("group commit: "); at != std::string::npos) {
        fmt::print("    {}\n", line.substr(at));
      }
    }
  }
};

store::Store fill_store(const fs::path& db, int claims) {
  store::StoreOptions options;
  options.db_path = db;
  auto opened = store::Store::open(options);
  if (!opened) die(opened.error().message);
  for (int i = 0; i < claims; ++i) {
    core::Claim claim = store::demo_claim(static_cast<std::size_t>(i), "DEMO-0001");
    if (auto saved = opened->save_claim(claim, store::now()); !saved) die(saved.error().message);
  }
  return std::move(*opened);
}

// CPU seconds (user + system) a process has used so far, from /proc/PID/stat.
double cpu_seconds(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/stat", pid));
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// The same for a process and everything it started (central.sh: nginx and kiosk-central).
double tree_cpu_seconds(pid_t pid) {
  double total = cpu_seconds(pid);
  std::ifstream children(fmt::format("/proc/{}/task/{}/children", pid, pid));
  pid_t child;
  while (children >> child) total += tree_cpu_seconds(child);
  return total;
}

// The kiosk's uploads in flight (4), or BENCH_PARALLEL: as many as several kiosks would have,
// which is what group commit gathers into one transaction.
int uploads_in_flight() {
  const char* chosen = std::getenv("BENCH_PARALLEL");
  const int n = chosen ? std::atoi(chosen) : 0;
  return n > 0 ? n : sync::ClientOptions{}.parallel_claims;
}

struct Figures {
  double claims_per_s = 0;
  double kiosk_cpu_ms = 0;   // per claim
  double server_cpu_ms = 0;  // per claim
  long requests = 0;
  std::int64_t acked = 0;
};

Figures drain(const fs::path& dir, const fs::path& tls, int claims, bool reuse,
              const std::string& db = "", GroupCommit group = GroupCommit::on) {
  const std::string name = std::string(reuse ? "reuse" : "fresh") +
                           (db.empty() ? "" : "-postgresql") +
                           (group == GroupCommit::on ? "" : "-one-by-one");
  Server server(dir / (name + "-central"), tls, db, group);
  auto store = fill_store(dir / (name + "-kiosk.db"), claims);
  auto client =
      sync::client_options_from_tls_dir(fmt::format("https://127.0.0.1:{}", server.port), tls);
  client.reuse_connection = reuse;
  client.parallel_claims = uploads_in_flight();
  sync::SyncOptions options;
  options.batch_size = 200;
  sync::Worker worker(store, client, options);
  const double kiosk_cpu = cpu_seconds(::getpid());
  const double server_cpu = tree_cpu_seconds(server.pid);
  const auto start = steady_clock::now();
  auto drained = worker.run_until_empty(start + minutes(10));
  const double seconds = duration<double>(steady_clock::now() - start).count();
  const double per_claim_ms = 1000.0 / claims;
  if (!drained || !*drained) die("the outbox did not drain: " + worker.state().last_error_message);
  const auto state = worker.state();
  return {state.queue.acked / seconds, (cpu_seconds(::getpid()) - kiosk_cpu) * per_claim_ms,
          (tree_cpu_seconds(server.pid) - server_cpu) * per_claim_ms,
          static_cast<long>(state.requests), state.queue.acked};
}

// GET /api/v1/health `count` times, one at a time: the cost of HTTPS alone, with no claim work.
Figures round_trips(const fs::path& dir, const fs::path& tls, int count, bool reuse) {
  Server server(dir / (reuse ? "health-reuse" : "health-fresh"), tls);
  auto options =
      sync::client_options_from_tls_dir(fmt::format("https://127.0.0.1:{}", server.port), tls);
  options.reuse_connection = reuse;
  auto client = sync::Client::create(options);
  if (!client) die(client.error().message);
  const double kiosk_cpu = cpu_seconds(::getpid());
  const double server_cpu = tree_cpu_seconds(server.pid);
  const auto start = steady_clock::now();
  for (int i = 0; i < count; ++i) {
    if (auto ok = client->health(); !ok) die("health check failed: " + ok.error().message);
  }
  const double seconds = duration<double>(steady_clock::now() - start).count();
  const double per_request_ms = 1000.0 / count;
  return {count / seconds, (cpu_seconds(::getpid()) - kiosk_cpu) * per_request_ms,
          (tree_cpu_seconds(server.pid) - server_cpu) * per_request_ms, count, 0};
}

void show(std::string_view label, std::string_view unit, const Figures& f) {
  fmt::print("  {:<28} {:8.0f} {}/s   CPU each: kiosk {:.3f} ms, server {:.3f} ms\n", label,
             f.claims_per_s, unit, f.kiosk_cpu_ms, f.server_cpu_ms);
}
}  // namespace

int main(int argc, char** argv) {
  const int claims = argc > 1 ? std::atoi(argv[1]) : 10'000;
  if (claims <= 0) die("CLAIMS must be a positive number");
  const std::string only = argc > 2 ? argv[2] : "";  // reuse | fresh: one side, for a profiler
  spdlog::set_level(std::getenv("BENCH_LOG") ? spdlog::level::info : spdlog::level::warn);
  std::random_device rd;
  // BENCH_DIR=/var/tmp (a real disk) measures durable claims: every commit's fsync counts.
  const char* chosen = std::getenv("BENCH_DIR");
  const fs::path base = chosen                            ? fs::path(chosen)
                        : ::access("/dev/shm", W_OK) == 0 ? fs::path("/dev/shm")
                                                          : fs::path("/tmp");
  const fs::path dir = base / fmt::format("bench-sync-{:08x}", rd());
  fs::create_directories(dir);
  const fs::path tls = dir / "tls";
  const std::string ca =
      fmt::format("'{}/deploy/dev-ca.sh' '{}' > /dev/null", KIOSK_SOURCE_DIR, tls.string());
  if (std::system(ca.c_str()) != 0) die("deploy/dev-ca.sh failed");

  const int parallel = uploads_in_flight();
  fmt::print(
      "draining {} claims over mutual TLS on loopback ({}), windows of 200, {} uploads in "
      "flight\n",
      claims, base.string(), parallel);
  if (only == "engines") {
    // The same drain (reused connections) with kiosk-central on SQLite and on PostgreSQL (a
    // throwaway cluster made by tests/integration/central/pg_cluster.sh, its data on
    // BENCH_DIR), each with a transaction per claim and then with group commit.
    const Figures sqlite_one = drain(dir, tls, claims, true, "", GroupCommit::off);
    show("SQLite, one by one:", "claims", sqlite_one);
    const Figures sqlite_group = drain(dir, tls, claims, true, "", GroupCommit::on);
    show("SQLite, group commit:", "claims", sqlite_group);
    fmt::print("  ratio {:.2f}x\n", sqlite_group.claims_per_s / sqlite_one.claims_per_s);
    const fs::path file = dir / "pg-cluster.path";
    const std::string start =
        fmt::format("TMPDIR='{}' '{}/tests/integration/central/pg_cluster.sh' start '{}'",
                    base.string(), KIOSK_SOURCE_DIR, file.string());
    if (std::system(start.c_str()) != 0) die("could not start PostgreSQL (pg_cluster.sh)");
    std::ifstream in(file);
    std::string socket_dir;
    std::getline(in, socket_dir);
    // Each drain its own schema, so the second does not find the first one's claims.
    auto pg = [&](const char* schema) {
      const std::string make = fmt::format(
          "/usr/lib/postgresql/15/bin/psql -q -h '{}' -U kiosk -d kiosk_tests -c 'CREATE SCHEMA "
          "{}' >/dev/null",
          socket_dir, schema);
      if (std::system(make.c_str()) != 0) die("psql could not make a schema");
      return fmt::format("postgresql:///kiosk_tests?host={}&user=kiosk&options=-csearch_path%3D{}",
                         socket_dir, schema);
    };
    const Figures pg_one = drain(dir, tls, claims, true, pg("one_by_one"), GroupCommit::off);
    show("PostgreSQL, one by one:", "claims", pg_one);
    const Figures pg_group = drain(dir, tls, claims, true, pg("grouped"), GroupCommit::on);
    show("PostgreSQL, group commit:", "claims", pg_group);
    fmt::print("  ratio {:.2f}x\n", pg_group.claims_per_s / pg_one.claims_per_s);
    const std::string stop = fmt::format("'{}/tests/integration/central/pg_cluster.sh' stop '{}'",
                                         KIOSK_SOURCE_DIR, file.string());
    [[maybe_unused]] const int stopped = std::system(stop.c_str());
    fs::remove_all(dir);
    return 0;
  }
  if (only == "reuse" || only == "fresh") {
    show(only, "claims", drain(dir, tls, claims, only == "reuse"));
    fs::remove_all(dir);
    return 0;
  }
  const Figures reuse = drain(dir, tls, claims, true);
  show("reused connections:", "claims", reuse);
  const Figures fresh = drain(dir, tls, claims, false);
  show("a new connection per claim:", "claims", fresh);
  fmt::print("  ratio: {:.1f}x (targets: >= 20x and >= 2000 claims/s)\n",
             reuse.claims_per_s / fresh.claims_per_s);

  const int requests = std::min(claims, 3000);
  fmt::print("for scale: GET /api/v1/health {} times one at a time, HTTPS without claim work\n",
             requests);
  const Figures bare_reuse = round_trips(dir, tls, requests, true);
  show("one reused connection:", "requests", bare_reuse);
  const Figures bare_fresh = round_trips(dir, tls, requests, false);
  show("a new connection each:", "requests", bare_fresh);
  fmt::print("  ratio: {:.1f}x\n", bare_reuse.claims_per_s / bare_fresh.claims_per_s);
  fs::remove_all(dir);
  return 0;
}
