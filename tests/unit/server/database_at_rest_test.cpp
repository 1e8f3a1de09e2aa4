// kiosk-central's store at rest: personal data sealed in 0600 files, the lookup access log,
// another process beside an open database, the migration of a plain version 1 database, and
// databases it must refuse (no key file, a newer version).
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>

#include <fmt/core.h>
#include <sqlite3.h>

#include "database_fixture.h"

namespace {
using nlohmann::json;
using namespace server::test;
namespace fs = std::filesystem;

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

unsigned mode_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

// The number of claims `kiosk-central list-claims` prints: another process with its own
// connection, which it closes as the last user unless the server's locks say otherwise.
int claims_seen_by_another_process(const fs::path& path) {
  auto r = kiosk::test::run_command(
      fmt::format("'{}' list-claims --db '{}'",
                  kiosk::test::binary("server/kiosk-central").string(), path.string()));
  REQUIRE(r.status == 0);
  return static_cast<int>(std::count(r.out.begin(), r.out.end(), '\n'));
}

void exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  INFO((message ? message : ""));
  sqlite3_free(message);
  REQUIRE(rc == SQLITE_OK);
}
}  // namespace

TEST_CASE("another process opening and closing the database loses none of the server's rows") {
  // The server's open once re-opened the file to chmod it, which dropped SQLite's POSIX
  // locks: list-claims then took itself for the last user, reset the WAL, and later claims
  // went into a deleted file (400 acked, 337 stored in the sync kill test).
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  REQUIRE(submit(*db, kKey, claim_json(kKey)).result == server::InsertResult::created);
  CHECK(claims_seen_by_another_process(dir.path() / "central.db") == 1);
  json second = claim_json(kKey2);
  second["bills"][0] = second_bill();
  REQUIRE(submit(*db, kKey2, second).result == server::InsertResult::created);
  CHECK(claims_seen_by_another_process(dir.path() / "central.db") == 2);
  CHECK(db->list_claims()->size() == 2);
}

TEST_CASE("central.db, its -wal and -shm and the key file are 0600") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  REQUIRE(submit(*db, kKey, claim_json()).result == server::InsertResult::created);
  for (const char* name : {"central.db", "central.db-wal", "central.db-shm", "central.db.key"}) {
    INFO(name);
    CHECK(mode_of(dir.path() / name) == 0600);
  }
  CHECK(fs::file_size(dir.path() / "central.db.key") == 32);
}

TEST_CASE("the raw database bytes hold no ID, phone or bank number and no name") {
  kiosk::test::TempDir dir;
  {
    auto db = stocked_db(dir);
    REQUIRE(submit(*db, kKey, claim_json()).result == server::InsertResult::created);
    lookup(*db);
    // Still open: the rows are in the WAL now, so both files are read.
    const std::string raw =
        bytes_of(dir.path() / "central.db") + bytes_of(dir.path() / "central.db-wal");
    REQUIRE(raw.size() > 4096);
    for (const char* secret : {kIdNumber, kOtherIdNumber, kBankAccount, kPhone, "张伟"}) {
      INFO(secret);
      CHECK(raw.find(secret) == std::string::npos);
    }
    // The bill ids are not personal and stay searchable: the grep itself works.
    CHECK(raw.find("SZ-2026-000123") != std::string::npos);
  }
  const std::string closed = bytes_of(dir.path() / "central.db");
  CHECK(closed.find(kIdNumber) == std::string::npos);
  CHECK(closed.find(kBankAccount) == std::string::npos);
}

TEST_CASE("every lookup is logged with the terminal and a keyed hash, never the number") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  lookup(*db);
  auto unknown = db->lookup_member("110101199001011237", "DEMO-0002");
  REQUIRE(unknown);
  CHECK_FALSE(*unknown);
  auto log = db->access_log();
  REQUIRE(log);
  REQUIRE(log->size() == 2);
  CHECK((*log)[0].terminal_id == "DEMO-0001");
  CHECK((*log)[0].found);
  CHECK((*log)[0].id_hash.size() == 64);
  CHECK((*log)[0].id_hash.find(kIdNumber) == std::string::npos);
  CHECK((*log)[0].at.ends_with("+08:00"));
  CHECK((*log)[1].terminal_id == "DEMO-0002");
  CHECK_FALSE((*log)[1].found);
  CHECK((*log)[1].id_hash != (*log)[0].id_hash);
}

TEST_CASE("a version 1 plain database is migrated: sealed, 0600, claims and members kept") {
  kiosk::test::TempDir dir;
  const fs::path path = dir.path() / "central.db";
  json claim = claim_json();
  // The wrapping amount that version 1 accepted: not carried into the history.
  claim["estimate"]["plans"].push_back(
      {{"plan", "inpatient"},
       {"year", 2025},
       {"eligible_fen", 1},
       {"benefit_fen", std::numeric_limits<std::uint64_t>::max()}});
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    // The layout and a row as kiosk-central wrote them before this version.
    exec(raw, R"sql(
      PRAGMA journal_mode = WAL;
      CREATE TABLE claims (idempotency_key TEXT PRIMARY KEY, terminal_id TEXT NOT NULL,
        body TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, received_at TEXT NOT NULL,
        updated_at TEXT NOT NULL);
      CREATE TABLE members (id_number TEXT PRIMARY KEY, record TEXT NOT NULL);
      CREATE TABLE config (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL,
        etag TEXT NOT NULL);
      CREATE TABLE heartbeats (terminal_id TEXT PRIMARY KEY, body TEXT NOT NULL,
        received_at TEXT NOT NULL);
      PRAGMA user_version = 1;)sql");
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw, "INSERT INTO members VALUES (?, ?)", -1, &st, nullptr);
    const std::string record = member_record().dump();
    sqlite3_bind_text(st, 1, kIdNumber, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, record.c_str(), -1, SQLITE_STATIC);
    REQUIRE(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_prepare_v2(raw,
                       "INSERT INTO claims VALUES (?, 'DEMO-0001', ?, 'reviewing', NULL, "
                       "'2026-11-28T10:15:30+08:00', '2026-11-28T10:15:30+08:00')",
                       -1, &st, nullptr);
    const std::string body = claim.dump();
    sqlite3_bind_text(st, 1, kKey, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, body.c_str(), -1, SQLITE_STATIC);
    REQUIRE(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
    exec(raw,
         "INSERT INTO config VALUES (1, '{\"version\":\"v1\",\"benefit_rules\":{},"
         "\"notices\":[],\"staff_pin_hashes\":[{\"staff_id\":\"S001\","
         "\"pin_hash\":\"sha256$s$00\"}]}', '\"e\"')");
    sqlite3_close(raw);
  }
  ::chmod(path.c_str(), 0644);
  REQUIRE(bytes_of(path).find(kIdNumber) != std::string::npos);  // the test's premise

  {
    auto db = open_db(dir);
    auto claims = db->list_claims();
    REQUIRE(claims);
    REQUIRE(claims->size() == 1);
    CHECK(claims->front().idempotency_key == kKey);
    CHECK(claims->front().status == "reviewing");
    const json history = lookup(*db)["history"];
    REQUIRE(history.size() == 1);  // the 2025 entry with 2^64-1 was dropped
    CHECK(history[0]["benefit_fen"] == 252'500);
    auto config = db->config();
    REQUIRE(config);
    CHECK(config->body.find("sha256$") == std::string::npos);
    // A repeat of the migrated claim is still recognised as the same claim.
    CHECK(submit(*db, kKey, claim).result == server::InsertResult::duplicate);
  }
  CHECK(mode_of(path) == 0600);
  const std::string raw = bytes_of(path) + bytes_of(path.string() + "-wal");
  CHECK(raw.find(kIdNumber) == std::string::npos);
  CHECK(raw.find(kBankAccount) == std::string::npos);
  CHECK(raw.find("张伟") == std::string::npos);
}

TEST_CASE("a sealed database without its key file is refused, not given a new key") {
  kiosk::test::TempDir dir;
  stocked_db(dir);
  fs::remove(dir.path() / "central.db.key");
  auto reopened = server::Database::open(dir.path() / "central.db");
  REQUIRE_FALSE(reopened);
  CHECK(reopened.error().find("central.db.key is missing") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "central.db.key"));
}

TEST_CASE("a database of a newer version is refused with what to do") {
  kiosk::test::TempDir dir;
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open((dir.path() / "central.db").c_str(), &raw) == SQLITE_OK);
    exec(raw, "PRAGMA user_version = 7");
    sqlite3_close(raw);
  }
  auto opened = server::Database::open(dir.path() / "central.db");
  REQUIRE_FALSE(opened);
  CHECK(opened.error().find("newer kiosk-central") != std::string::npos);
}
