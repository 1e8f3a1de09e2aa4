// bench_fleet [TERMINALS [SECONDS]]: a city's fleet against the central side as deploy/central.sh
// runs it (nginx terminating mutual TLS in front of kiosk-central), on loopback. TERMINALS
// (default 1,000) each with its own client certificate (10 centres), each on its own kept-alive
// connection, for SECONDS (default 60) at ten times a busy day's peak: a visit (member lookup,
// then a claim) every 24 s per terminal, where a busy lobby at its morning peak sees one every
// 4 minutes; a heartbeat every 30 s and a config pull with If-None-Match every 90 s (ten times
// the kiosk's 5 and 15 minutes: compressed time). The same load runs against SQLite and
// PostgreSQL, one and two kiosk-central processes, in one run; printed: claims/s, claim latency
// p50/p99, all requests' p99, errors, and kiosk-central's CPU and memory.
//
// The config is published without staff PINs: each terminal's first pull would otherwise make
// its own Argon2id hash (0.5 s of CPU and 256 MiB each), a one-off cost per terminal that is
// not the steady state measured here. BENCH_DIR (default /var/tmp, a real disk) holds the
// databases. Build it optimised (see CMakeLists.txt).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <random>
#include <thread>

#include <fmt/core.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include "central_launch.h"
#include "kiosk/store/demo_claims.h"
#include "server/database.h"
#include "server/demo_data.h"
#include "terminal_certs.h"

namespace fs = std::filesystem;
using namespace std::chrono;
using nlohmann::json;

namespace {
constexpr auto kVisitEvery = seconds(24);
constexpr auto kHeartbeatEvery = seconds(30);
constexpr auto kConfigEvery = seconds(90);

// The PostgreSQL cluster this run started, stopped however the run ends.
std::string g_cluster_file;
void stop_cluster() {
  if (g_cluster_file.empty()) return;
  const std::string stop = fmt::format("'{}/tests/integration/central/pg_cluster.sh' stop '{}'",
                                       KIOSK_SOURCE_DIR, g_cluster_file);
  [[maybe_unused]] const int stopped = std::system(stop.c_str());
  g_cluster_file.clear();
}

[[noreturn]] void die(const std::string& message) {
  fmt::print(stderr, "bench_fleet: {}\n", message);
  std::exit(1);
}

struct Setup {
  std::string label, engine;
  int instances;
};

struct Sample {
  double ms;
  bool claim;
};

struct Result {
  double claims_per_s = 0, p50 = 0, p99 = 0, all_p99 = 0, cpu_s = 0, cpu_share = 0;
  long rss_kb = 0, peak_kb = 0, claims = 0, requests = 0, errors = 0;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

long status_kb(pid_t pid, const char* field) {
  std::ifstream in(fmt::format("/proc/{}/status", pid));
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(field)) return std::stol(line.substr(std::strlen(field)));
  }
  return 0;
}

std::string heartbeat(const std::string& id) {
  return json{{"terminal_id", id},
              {"version", "1.0.0"},
              {"sent_at", server::now_rfc3339()},
              {"queue",
               {{"pending", 0},
                {"sending", 0},
                {"retry_wait", 0},
                {"acked", 1},
                {"quarantined", 0},
                {"oldest_pending_age_s", 0}}},
              {"last_success_at", nullptr},
              {"last_error_class", nullptr},
              {"devices", {{"printer", "ok"}, {"reader", "ok"}}}}
      .dump();
}

// The demo members and a config without staff PINs, written before the servers start.
void prepare(const std::string& db, const fs::path& key) {
  auto opened = server::Database::open(server::StorageOptions{db, key, 1});
  if (!opened) die(opened.error());
  if (auto ok = server::load_demo_data(**opened); !ok) die(ok.error());
  if (auto ok = (*opened)->put_config(server::demo_config(), {}); !ok) die(ok.error());
}

Result run(const Setup& setup, const fs::path& dir, const fs::path& tls,
           const std::vector<bench::TerminalCert>& terminals, seconds length,
           const std::string& pg_socket, unsigned salt) {
  const fs::path central = dir / setup.label;
  fs::create_directories(central);
  fs::copy(tls, central / "tls", fs::copy_options::recursive);
  std::string db = "sqlite:" + (central / "central.db").string();
  if (setup.engine == "postgresql") {
    db =
        fmt::format("postgresql:///kiosk_tests?host={}&user=kiosk&options=-csearch_path%3Dfleet_{}",
                    pg_socket, salt);
    const std::string schema = fmt::format(
        "psql -q -h '{}' -U kiosk -d kiosk_tests -c 'CREATE SCHEMA fleet_{}'", pg_socket, salt);
    if (std::system(schema.c_str()) != 0) die("cannot create a schema for the run");
  }
  // SQLite keeps its key beside the file (central.db.key); PostgreSQL's is central.sh's default.
  prepare(db, setup.engine == "postgresql" ? central / "central.key" : fs::path());
  auto started = server::test::CentralRun::start(
      central, {"--db", db, "--instances", std::to_string(setup.instances)});
  if (!started) die(started.error());
  auto& front = **started;
  const auto pids = front.centrals();
  double cpu_before = 0;
  for (pid_t p : pids) cpu_before += server::test::cpu_seconds(p);

  std::mutex mutex;
  std::vector<Sample> samples;
  std::atomic<long> errors{0}, claims{0};
  std::atomic<std::size_t> next_claim{0};
  const auto start = steady_clock::now() + seconds(2);
  const auto end = start + length;
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < terminals.size(); ++t) {
    threads.emplace_back([&, t] {
      const auto& me = terminals[t];
      httplib::SSLClient c("127.0.0.1", front.port(), me.cert.get(), me.key.get());
      c.set_ca_cert_path((central / "tls" / "ca.pem").c_str());
      c.enable_server_certificate_verification(true);
      c.set_keep_alive(true);
      // As curl does (the kiosk's client): without it a POST's body waits for the ACK of its
      // header, 40 ms of delayed ACK on Linux, and every claim looks 40 ms slower.
      c.set_tcp_nodelay(true);
      c.set_connection_timeout(10);
      c.set_read_timeout(30);
      std::mt19937 random(static_cast<unsigned>(t) * 7919u + salt);
      auto offset = [&](milliseconds every) {
        return milliseconds(random() % static_cast<unsigned>(every.count()));
      };
      auto visit = start + offset(kVisitEvery), beat = start + offset(kHeartbeatEvery),
           pull = start + offset(kConfigEvery);
      std::string etag;
      std::vector<Sample> mine;
      auto timed = [&](bool is_claim, auto&& call) {
        const auto t0 = steady_clock::now();
        auto r = call();
        mine.push_back({duration<double, std::milli>(steady_clock::now() - t0).count(), is_claim});
        return r;
      };
      for (;;) {
        const auto due = std::min({visit, beat, pull});
        if (due >= end) break;
        std::this_thread::sleep_until(due);
        if (due == beat) {
          auto r = timed(false, [&] {
            return c.Post("/api/v1/heartbeat", heartbeat(me.id), "application/json");
          });
          if (!r || r->status != 200) ++errors;
          beat += kHeartbeatEvery;
        } else if (due == pull) {
          httplib::Headers h;
          if (!etag.empty()) h.emplace("If-None-Match", etag);
          auto r = timed(false, [&] { return c.Get("/api/v1/config", h); });
          if (!r || (r->status != 200 && r->status != 304)) ++errors;
          if (r && r->has_header("ETag")) etag = r->get_header_value("ETag");
          pull += kConfigEvery;
        } else {
          const std::size_t n = next_claim++;
          const auto& person = kiosk::store::demo_people()[n % kiosk::store::demo_people().size()];
          auto found = timed(false, [&] {
            return c.Post("/api/v1/members/lookup",
                          json{{"id_number", std::string(person.id_number)}}.dump(),
                          "application/json");
          });
          if (!found || found->status != 200) ++errors;
          const std::string key = server::test::uuid_of(n, salt);
          const json claim = server::test::demo_claim_request(n, me.id, key);
          auto r = timed(true, [&] {
            return c.Post("/api/v1/claims", {{"Idempotency-Key", key}}, claim.dump(),
                          "application/json");
          });
          if (r && r->status == 201)
            ++claims;
          else
            ++errors;
          visit += kVisitEvery;
        }
      }
      std::lock_guard lock(mutex);
      samples.insert(samples.end(), mine.begin(), mine.end());
    });
  }
  for (auto& thread : threads) thread.join();
  Result out;
  const double seconds_run = duration<double>(length).count();
  for (pid_t p : pids) {
    out.cpu_s += server::test::cpu_seconds(p);
    out.rss_kb += server::test::rss_kb(p);
    out.peak_kb += status_kb(p, "VmHWM:");
  }
  out.cpu_s -= cpu_before;
  out.cpu_share = out.cpu_s / seconds_run;
  std::vector<double> claim_ms, all_ms;
  for (const auto& s : samples) {
    all_ms.push_back(s.ms);
    if (s.claim) claim_ms.push_back(s.ms);
  }
  out.claims = claims;
  out.claims_per_s = static_cast<double>(claims) / seconds_run;
  out.p50 = percentile(claim_ms, 0.50);
  out.p99 = percentile(claim_ms, 0.99);
  out.all_p99 = percentile(all_ms, 0.99);
  out.requests = static_cast<long>(all_ms.size());
  out.errors = errors;
  front.stop();
  return out;
}
}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int length = argc > 2 ? std::atoi(argv[2]) : 60;
  if (count <= 0 || length <= 0) die("usage: bench_fleet [TERMINALS [SECONDS]]");
  spdlog::set_level(spdlog::level::warn);
  const char* chosen = std::getenv("BENCH_DIR");
  const fs::path base = chosen ? chosen : "/var/tmp";
  std::random_device rd;
  const unsigned salt = rd();
  const fs::path dir = base / fmt::format("bench-fleet-{:08x}", salt);
  fs::create_directories(dir);
  const fs::path tls = dir / "tls";
  const std::string ca =
      fmt::format("'{}/deploy/dev-ca.sh' '{}' > /dev/null", KIOSK_SOURCE_DIR, tls.string());
  if (std::system(ca.c_str()) != 0) die("deploy/dev-ca.sh failed");
  auto authority = bench::CertAuthority::load(tls);
  if (!authority) die(authority.error());
  const auto made = steady_clock::now();
  std::vector<bench::TerminalCert> terminals;
  for (int i = 0; i < count; ++i) {
    auto cert = authority->issue(fmt::format("T-{:04}", i), fmt::format("CENTRE-{:02}", i % 10));
    if (!cert) die(cert.error());
    terminals.push_back(std::move(*cert));
  }
  fmt::print("{} terminal certificates made in {:.1f} s; databases in {}\n", count,
             duration<double>(steady_clock::now() - made).count(), base.string());

  const fs::path cluster_file = dir / "pg-cluster.path";
  const std::string start_pg =
      fmt::format("TMPDIR='{}' '{}/tests/integration/central/pg_cluster.sh' start '{}'",
                  base.string(), KIOSK_SOURCE_DIR, cluster_file.string());
  if (std::system(start_pg.c_str()) != 0) die("cannot start PostgreSQL (pg_cluster.sh)");
  g_cluster_file = cluster_file.string();
  std::atexit(stop_cluster);
  std::string pg_socket;
  std::getline(std::ifstream(cluster_file), pg_socket);

  const double offered = count * (1.0 / kVisitEvery.count());
  fmt::print(
      "{} terminals for {} s each: a visit (lookup + claim) every {} s, heartbeat every {} s, "
      "config every {} s; offered {:.1f} claims/s, {:.1f} requests/s\n",
      count, length, kVisitEvery.count(), kHeartbeatEvery.count(), kConfigEvery.count(), offered,
      count *
          (2.0 / kVisitEvery.count() + 1.0 / kHeartbeatEvery.count() + 1.0 / kConfigEvery.count()));
  fmt::print("{:<22} {:>9} {:>9} {:>9} {:>10} {:>8} {:>7} {:>10} {:>9}\n", "", "claims/s",
             "claim p50", "claim p99", "all p99", "errors", "CPU", "RSS", "peak RSS");
  const Setup setups[] = {{"sqlite-1", "sqlite", 1},
                          {"sqlite-2", "sqlite", 2},
                          {"postgresql-1", "postgresql", 1},
                          {"postgresql-2", "postgresql", 2}};
  unsigned n = 0;
  for (const auto& setup : setups) {
    const Result r = run(setup, dir, tls, terminals, seconds(length), pg_socket, salt + n++);
    fmt::print(
        "{:<22} {:>9.1f} {:>7.1f}ms {:>7.1f}ms {:>8.1f}ms {:>8} {:>6.0f}% {:>7} MB {:>6} MB\n",
        setup.label + (setup.instances > 1 ? " (2 processes)" : ""), r.claims_per_s, r.p50, r.p99,
        r.all_p99, r.errors, r.cpu_share * 100, r.rss_kb / 1024, r.peak_kb / 1024);
  }
  stop_cluster();
  fs::remove_all(dir);
  return 0;
}
