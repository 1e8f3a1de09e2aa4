// Durable commit latency: Store::save_claim (claim + bills + encrypted outbox body + audit
// entry, one transaction, WAL, synchronous=FULL) against the baseline of one bare INSERT of a
// blob of the same size per transaction into a table with the same pragmas, same directory,
// same run. Prints median, p99 and mean per commit, and bytes written per commit from
// /proc/self/io. fsyncs are counted from outside (run_bench.sh runs this under strace).
//
// usage: bench_store_commit DIR COUNT {claims|bare|both}
// `both` also runs the two interleaved, commit by commit, in fresh databases.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <sqlite3.h>

#include "kiosk/api/claim_json.h"
#include "kiosk/store/demo_claims.h"
#include "kiosk/store/store.h"

namespace {
using Clock = std::chrono::steady_clock;

struct Figures {
  double median_ms = 0, p99_ms = 0, mean_ms = 0;
  long long write_bytes = 0;
};

long long io_write_bytes() {
  std::ifstream in("/proc/self/io");
  std::string key;
  long long value = 0;
  while (in >> key >> value) {
    if (key == "write_bytes:") return value;
  }
  return 0;
}

Figures summarise(std::vector<double> ms, long long bytes) {
  std::sort(ms.begin(), ms.end());
  Figures f;
  if (ms.empty()) return f;
  f.median_ms = ms[ms.size() / 2];
  f.p99_ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  double sum = 0;
  for (double v : ms) sum += v;
  f.mean_ms = sum / static_cast<double>(ms.size());
  f.write_bytes = bytes / static_cast<long long>(ms.size());
  return f;
}

int run_claims(const std::filesystem::path& dir, int count, Figures& out) {
  kiosk::store::StoreOptions options;
  options.db_path = dir / "claims.db";
  auto store = kiosk::store::Store::open(options);
  if (!store) {
    fmt::print(stderr, "{}\n", store.error().message);
    return 1;
  }
  std::vector<kiosk::core::Claim> claims;
  for (int i = 0; i < count; ++i)
    claims.push_back(kiosk::store::demo_claim(static_cast<std::size_t>(i), "BENCH"));
  std::vector<double> ms;
  const long long before = io_write_bytes();
  for (auto& claim : claims) {
    const auto start = Clock::now();
    auto saved = store->save_claim(claim, kiosk::store::now());
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!saved) {
      fmt::print(stderr, "{}\n", saved.error().message);
      return 1;
    }
  }
  out = summarise(ms, io_write_bytes() - before);
  return 0;
}

int run_bare(const std::filesystem::path& dir, int count, std::size_t payload, Figures& out) {
  sqlite3* db = nullptr;
  if (sqlite3_open((dir / "bare.db").c_str(), &db) != SQLITE_OK) return 1;
  sqlite3_exec(db,
               "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
               "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t (body) VALUES (?)", -1, &insert, nullptr);
  const std::string body(payload, 'x');
  std::vector<double> ms;
  const long long before = io_write_bytes();
  for (int i = 0; i < count; ++i) {
    const auto start = Clock::now();
    sqlite3_bind_blob(insert, 1, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(insert);  // autocommit: one durable transaction
    sqlite3_reset(insert);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (rc != SQLITE_DONE) return 1;
  }
  out = summarise(ms, io_write_bytes() - before);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return 0;
}

// Both in turn, commit by commit, so that both see the same machine load.
int run_interleaved(const std::filesystem::path& dir, int count, std::size_t payload,
                    Figures& claims_out, Figures& bare_out) {
  kiosk::store::StoreOptions options;
  options.db_path = dir / "claims.db";
  auto store = kiosk::store::Store::open(options);
  if (!store) return 1;
  sqlite3* db = nullptr;
  if (sqlite3_open((dir / "bare.db").c_str(), &db) != SQLITE_OK) return 1;
  sqlite3_exec(db,
               "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
               "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t (body) VALUES (?)", -1, &insert, nullptr);
  const std::string body(payload, 'x');
  std::vector<double> claim_ms, bare_ms;
  for (int i = 0; i < count; ++i) {
    kiosk::core::Claim claim = kiosk::store::demo_claim(static_cast<std::size_t>(i), "BENCH");
    auto start = Clock::now();
    if (!store->save_claim(claim, kiosk::store::now())) return 1;
    claim_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    start = Clock::now();
    sqlite3_bind_blob(insert, 1, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(insert);
    sqlite3_reset(insert);
    bare_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (rc != SQLITE_DONE) return 1;
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  claims_out = summarise(claim_ms, 0);
  bare_out = summarise(bare_ms, 0);
  return 0;
}

void row(const char* name, const Figures& f) {
  fmt::print("{:<34} {:>10.3f} {:>10.3f} {:>10.3f} {:>12}\n", name, f.median_ms, f.p99_ms,
             f.mean_ms, f.write_bytes);
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    fmt::print(stderr, "usage: bench_store_commit DIR COUNT {{claims|bare|both}}\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const int count = std::stoi(argv[2]);
  const std::string mode = argv[3];
  std::filesystem::create_directories(dir / "interleaved");
  // The bare baseline inserts as many bytes as a claim's encrypted request body.
  const std::size_t payload =
      kiosk::api::claim_request_body(kiosk::store::demo_claim(1, "BENCH")).size() + 41;
  Figures claims, bare;
  if ((mode == "claims" || mode == "both") && count > 0 && run_claims(dir, count, claims) != 0)
    return 1;
  if ((mode == "bare" || mode == "both") && count > 0 && run_bare(dir, count, payload, bare) != 0)
    return 1;
  if (mode == "both" && count > 0) {
    Figures ic, ib;
    if (run_interleaved(dir / "interleaved", count, payload, ic, ib) != 0) return 1;
    fmt::print(
        "interleaved, commit by commit (same load for both): median claim {:.3f} ms, "
        "bare {:.3f} ms ({:.2f}x); p99 claim {:.3f} ms, bare {:.3f} ms ({:.2f}x)\n",
        ic.median_ms, ib.median_ms, ic.median_ms / ib.median_ms, ic.p99_ms, ib.p99_ms,
        ic.p99_ms / ib.p99_ms);
  }
  if (count == 0) {
    // Only the fixed cost of opening (for subtracting from fsync counts).
    if (mode == "claims")
      run_claims(dir, 0, claims);
    else
      run_bare(dir, 0, payload, bare);
    return 0;
  }
  fmt::print("{} commits each, directory {}\n", count, dir.string());
  fmt::print("{:<34} {:>10} {:>10} {:>10} {:>12}\n", "", "median ms", "p99 ms", "mean ms",
             "bytes/commit");
  if (mode != "bare") row("Store::save_claim (claim+outbox)", claims);
  if (mode != "claims") row(fmt::format("bare INSERT {} B, sync=FULL", payload).c_str(), bare);
  if (mode == "both" && bare.median_ms > 0) {
    fmt::print("ratio claim/bare: median {:.2f}x, p99 {:.2f}x\n", claims.median_ms / bare.median_ms,
               claims.p99_ms / bare.p99_ms);
  }
  return 0;
}
