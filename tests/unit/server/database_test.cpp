// kiosk-central's store: claims checked against its own records with the server's estimate
// stored, history from those estimates, personal data sealed at rest in 0600 files, the
// lookup access log, the migration of a plain version 1 database.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>

#include <fmt/core.h>
#include <sqlite3.h>

#include "claim_fixtures.h"
#include "harness.h"
#include "server/database.h"

namespace {
using nlohmann::json;
using namespace server::test;
namespace fs = std::filesystem;

constexpr const char* kKey = "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b";
constexpr const char* kKey2 = "5a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";
constexpr const char* kKey3 = "6b2d3e4f-5061-4b7c-9d8e-0f1a2b3c4d5e";

std::unique_ptr<server::Database> open_db(const kiosk::test::TempDir& dir) {
  auto db = server::Database::open(dir.path() / "central.db");
  INFO((db ? std::string() : db.error()));
  REQUIRE(db);
  return std::move(*db);
}

// A database with the member, a second member and the published rules.
std::unique_ptr<server::Database> stocked_db(const kiosk::test::TempDir& dir) {
  auto db = open_db(dir);
  REQUIRE(db->put_member(member_record()));
  json other = member_record(kOtherIdNumber);
  other["member"]["name"] = "李秀英";
  other["bills"] = json::array({first_bill()});
  other["bills"][0]["id"] = "BJ-2026-000777";
  REQUIRE(db->put_member(other));
  REQUIRE(db->put_config(config_json(), {}));
  return db;
}

server::SubmitOutcome submit(server::Database& db, const std::string& key, const json& claim,
                             const std::string& terminal = "DEMO-0001") {
  auto outcome = db.submit_claim(key, terminal, claim);
  INFO((outcome ? std::string() : outcome.error()));
  REQUIRE(outcome);
  return *outcome;
}

json lookup(server::Database& db, const std::string& id = kIdNumber) {
  auto found = db.lookup_member(id, "DEMO-0001");
  INFO((found ? std::string() : found.error()));
  REQUIRE(found);
  REQUIRE(*found);
  return **found;
}

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

TEST_CASE("a key is stored once: the same body is a duplicate, another body a conflict") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  CHECK(submit(*db, kKey, claim_json()).result == server::InsertResult::created);
  auto again = submit(*db, kKey, claim_json());
  CHECK(again.result == server::InsertResult::duplicate);
  CHECK(again.record.status == "received");
  json changed = claim_json();
  changed["sequence"] = 2;
  CHECK(submit(*db, kKey, changed).result == server::InsertResult::conflict);
  CHECK(submit(*db, kKey, claim_json(), "DEMO-0002").result == server::InsertResult::conflict);
  CHECK(db->list_claims()->size() == 1);
}

TEST_CASE("claims survive reopening the database") {
  kiosk::test::TempDir dir;
  REQUIRE(submit(*stocked_db(dir), kKey, claim_json()).result == server::InsertResult::created);
  auto claims = open_db(dir)->list_claims();
  REQUIRE(claims);
  REQUIRE(claims->size() == 1);
  CHECK(claims->front().idempotency_key == kKey);
  CHECK(claims->front().terminal_id == "DEMO-0001");
}

TEST_CASE("statuses move forward only, and a rejection needs a reason") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  REQUIRE(submit(*db, kKey, claim_json()).result == server::InsertResult::created);
  CHECK_FALSE(db->set_status(kKey, "paid", std::nullopt));
  CHECK_FALSE(db->set_status(kKey, "closed", std::nullopt));
  CHECK_FALSE(db->set_status(kKey, "rejected", std::nullopt));
  CHECK_FALSE(db->set_status("00000000-0000-4000-8000-000000000000", "reviewing", std::nullopt));
  for (const char* status : {"reviewing", "approved", "paid"}) {
    auto moved = db->set_status(kKey, status, std::nullopt);
    REQUIRE(moved);
    CHECK(moved->status == status);
  }
  auto after_paid = db->set_status(kKey, "rejected", std::string("late"));
  REQUIRE_FALSE(after_paid);
  CHECK(after_paid.error().find("cannot become rejected") != std::string::npos);
}

TEST_CASE("two claims with benefit_fen 9e18 are refused and the member's lookup still works") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  for (const char* key : {kKey, kKey2}) {
    json claim = claim_json(key);
    claim["estimate"]["plans"][0]["benefit_fen"] = std::uint64_t{9'000'000'000'000'000'000u};
    claim["estimate"]["total_benefit_fen"] = std::uint64_t{9'000'000'000'000'000'000u};
    auto outcome = submit(*db, key, claim);
    CHECK(outcome.result == server::InsertResult::refused);
    CHECK(outcome.refusal.find("benefit_fen") != std::string::npos);
  }
  CHECK(db->list_claims()->empty());
  CHECK(lookup(*db)["history"].empty());
}

TEST_CASE("an inflated kiosk estimate does not inflate the history: the server's is stored") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  json claim = claim_json();
  // The whole 5,000,000-fen annual cap, where the rules give 252,500.
  claim["estimate"]["plans"][0]["benefit_fen"] = 5'000'000;
  claim["estimate"]["total_benefit_fen"] = 5'000'000;
  auto outcome = submit(*db, kKey, claim);
  REQUIRE(outcome.result == server::InsertResult::created);
  CHECK(outcome.estimate_differences.size() == 2);
  const json history = lookup(*db)["history"];
  REQUIRE(history.size() == 1);
  CHECK(history[0] == json{{"plan", "inpatient"},
                           {"year", 2026},
                           {"eligible_fen", 605'000},
                           {"benefit_fen", 252'500}});
}

TEST_CASE("a kiosk estimate 1 fen off is accepted with the server's estimate stored") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  json claim = claim_json();
  claim["estimate"]["plans"][0]["benefit_fen"] = 252'501;
  claim["estimate"]["total_benefit_fen"] = 252'501;
  auto outcome = submit(*db, kKey, claim);
  REQUIRE(outcome.result == server::InsertResult::created);
  REQUIRE_FALSE(outcome.estimate_differences.empty());
  CHECK(outcome.estimate_differences[0] ==
        "plan inpatient 2026 benefit_fen: kiosk 252501, server 252500");
  CHECK(lookup(*db)["history"][0]["benefit_fen"] == 252'500);

  // The next claim starts from the stored 605,000 / 252,500: 300,000 more at 50 %.
  json second = claim_json(kKey2);
  second["bills"][0] = second_bill();
  second["estimate"]["plans"][0]["eligible_fen"] = 300'000;
  second["estimate"]["plans"][0]["benefit_fen"] = 150'000;
  second["estimate"]["total_benefit_fen"] = 150'000;
  auto next = submit(*db, kKey2, second);
  REQUIRE(next.result == server::InsertResult::created);
  CHECK(next.estimate_differences.empty());
  CHECK(lookup(*db)["history"][0]["benefit_fen"] == 402'500);
}

TEST_CASE("another member's bill, a changed amount, 2^64-1 and 2026-02-30 are refused") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  json foreign = claim_json();
  foreign["bills"][0]["id"] = "BJ-2026-000777";  // the other member's record
  CHECK(submit(*db, kKey, foreign).refusal.find("not one of this member's records") !=
        std::string::npos);
  json changed = claim_json();
  changed["bills"][0]["self_pay_full_fen"] = 45'999;
  CHECK(submit(*db, kKey, changed).refusal.find("self_pay_full_fen differs") != std::string::npos);
  json huge = claim_json();
  huge["bills"][0]["fund_paid_fen"] = std::numeric_limits<std::uint64_t>::max();
  CHECK(submit(*db, kKey, huge).refusal.find("fund_paid_fen is 18446744073709551615") !=
        std::string::npos);
  json date = claim_json();
  date["bills"][0]["admitted"] = "2026-02-30";
  CHECK(submit(*db, kKey, date).refusal.find("not a real calendar date") != std::string::npos);
  json stranger = claim_json();
  stranger["member"]["id_number"] = "110101199001011237";
  CHECK(submit(*db, kKey, stranger).refusal.find("no member") != std::string::npos);
  CHECK(db->list_claims()->empty());
}

TEST_CASE("a settlement record is claimed once until that claim is rejected") {
  kiosk::test::TempDir dir;
  auto db = stocked_db(dir);
  REQUIRE(submit(*db, kKey, claim_json(kKey)).result == server::InsertResult::created);
  auto twice = submit(*db, kKey2, claim_json(kKey2));
  CHECK(twice.result == server::InsertResult::refused);
  CHECK(twice.refusal.find("already claimed") != std::string::npos);
  REQUIRE(db->set_status(kKey, "rejected", std::string("wrong hospital")));
  CHECK(lookup(*db)["history"].empty());
  CHECK(submit(*db, kKey3, claim_json(kKey3)).result == server::InsertResult::created);
}

TEST_CASE("without published rules a claim is an error to retry, not a refusal") {
  kiosk::test::TempDir dir;
  auto db = open_db(dir);
  REQUIRE(db->put_member(member_record()));
  auto outcome = db->submit_claim(kKey, "DEMO-0001", claim_json());
  REQUIRE_FALSE(outcome);
  CHECK(outcome.error().find("no kiosk configuration") != std::string::npos);
}

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
