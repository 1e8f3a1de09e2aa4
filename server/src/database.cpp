#include "server/database.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <set>

#include <fmt/chrono.h>
#include <fmt/core.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "base/sha256.h"
#include "base/sqlite.h"
#include "kiosk/store/crypto.h"
#include "server/claims.h"
#include "server/demo_data.h"
#include "server/rules_json.h"
#include "server/staff_pins.h"

namespace server {
namespace {
using kiosk::store::Cipher;
using nlohmann::json;

constexpr int kSchemaVersion = 2;

// Version 2: personal data sealed, members by keyed hash, the server's own estimate per
// claim (claim_usage), the settlement records each claim used, staff PINs and their
// per-terminal hashes, the lookup access log.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS claims (
  idempotency_key TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  member_hash TEXT NOT NULL,
  body BLOB NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_by_member ON claims (member_hash);
CREATE TABLE IF NOT EXISTS claim_usage (
  idempotency_key TEXT NOT NULL,
  plan TEXT NOT NULL,
  year INTEGER NOT NULL,
  eligible_fen INTEGER NOT NULL CHECK (eligible_fen >= 0),
  benefit_fen INTEGER NOT NULL CHECK (benefit_fen >= 0),
  PRIMARY KEY (idempotency_key, plan, year));
CREATE TABLE IF NOT EXISTS claim_bills (
  idempotency_key TEXT NOT NULL,
  bill_id TEXT NOT NULL,
  PRIMARY KEY (idempotency_key, bill_id));
CREATE TABLE IF NOT EXISTS members (
  id_hash TEXT PRIMARY KEY,
  record BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS config (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS staff (
  staff_id TEXT PRIMARY KEY,
  pin BLOB NOT NULL,
  generation INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS staff_hashes (
  terminal_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  generation INTEGER NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (terminal_id, staff_id, generation));
CREATE TABLE IF NOT EXISTS heartbeats (
  terminal_id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lookups (
  id INTEGER PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  at TEXT NOT NULL,
  id_hash TEXT NOT NULL,
  found INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL);
)sql";

constexpr const char* kClaimColumns =
    "idempotency_key, terminal_id, status, reason, received_at, updated_at";

using base::sqlite::Statement;

ClaimRecord read_claim(const Statement& st) {
  return {st.column_text(0), st.column_text(1),     st.column_text(2),
          st.column_opt_text(3), st.column_text(4), st.column_text(5)};
}

// The one SQLite wrapper (base/sqlite.h), in this file's plain-text errors.
std::expected<Statement, std::string> prepare(sqlite3* db, std::string_view sql) {
  auto st = Statement::prepare(db, sql);
  if (!st) return std::unexpected(st.error().describe());
  return std::move(*st);
}

// true: a row is ready; false: no more rows.
std::expected<bool, std::string> next_row(Statement& st) {
  auto row = st.step();
  if (!row) return std::unexpected(row.error().describe());
  return *row;
}

// Calls READ(st) for each row.
template <typename Read>
std::expected<void, std::string> each_row(Statement& st, Read&& read) {
  for (;;) {
    auto row = next_row(st);
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
    read(st);
  }
}

// Where each sealed value lives: a value copied into another row does not decrypt.
std::string claim_place(const std::string& key) {
  return "claims.body:" + key;
}
std::string member_place(const std::string& id_hash) {
  return "members.record:" + id_hash;
}
std::string pin_place(const std::string& staff_id) {
  return "staff.pin:" + staff_id;
}

int rank(const std::string& status) {
  if (status == "received") return 0;
  if (status == "reviewing") return 1;
  if (status == "approved") return 2;
  if (status == "paid") return 3;
  if (status == "rejected") return 4;
  return -1;
}

std::string errno_text(int err) {
  return std::strerror(err);
}

enum class CreateFile { if_missing, never };

// The database file is made 0600 before SQLite opens it; SQLite gives -wal and -shm the
// main file's mode. Files left by an older version are tightened too. Once SQLite has the
// file open this must not open it (`never`): closing any descriptor of the file drops the
// process's POSIX locks, and another process would then take its WAL for unused and reset it.
std::expected<void, std::string> make_private(const std::filesystem::path& path,
                                              CreateFile create) {
  if (create == CreateFile::if_missing) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
      return std::unexpected(
          fmt::format("cannot create the database {}: {}", path.string(), errno_text(errno)));
    }
    ::close(fd);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::string file = path.string() + suffix;
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) continue;
    if ((st.st_mode & 0077) != 0 && ::chmod(file.c_str(), 0600) != 0) {
      return std::unexpected(
          fmt::format("{} may be read by other users and cannot be made "
                      "private ({}); run `chmod 600 {}`",
                      file, errno_text(errno), file));
    }
  }
  return {};
}

std::optional<std::string> id_number_of(const json& claim) {
  if (!claim.is_object()) return std::nullopt;
  auto member = claim.find("member");
  if (member == claim.end() || !member->is_object()) return std::nullopt;
  auto id = member->find("id_number");
  if (id == member->end() || !id->is_string()) return std::nullopt;
  return id->get<std::string>();
}

std::vector<std::string> bill_ids(const json& claim) {
  std::vector<std::string> out;
  if (!claim.is_object()) return out;
  auto bills = claim.find("bills");
  if (bills == claim.end() || !bills->is_array()) return out;
  for (const auto& bill : *bills) {
    if (!bill.is_object()) continue;
    auto id = bill.find("id");
    if (id != bill.end() && id->is_string()) out.push_back(id->get<std::string>());
  }
  return out;
}

// A year in 0..9999 from an estimate entry; an unsigned value is never wrapped.
std::optional<std::int64_t> whole_year(const json& plan) {
  if (!plan.is_object() || !plan.contains("year") || !plan["year"].is_number_integer()) {
    return std::nullopt;
  }
  const json& year = plan["year"];
  if (year.is_number_unsigned()) {
    const auto value = year.get<std::uint64_t>();
    return value <= 9999 ? std::optional<std::int64_t>(static_cast<std::int64_t>(value))
                         : std::nullopt;
  }
  const auto value = year.get<std::int64_t>();
  return value >= 0 && value <= 9999 ? std::optional<std::int64_t>(value) : std::nullopt;
}

// Runs `work` inside BEGIN IMMEDIATE ... COMMIT, rolling back when it fails.
template <typename Work>
std::expected<void, std::string> in_transaction(sqlite3* db, Work&& work) {
  char* message = nullptr;
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message ? message : "cannot begin a transaction";
    sqlite3_free(message);
    return std::unexpected(why);
  }
  std::expected<void, std::string> done = work();
  const char* end = done ? "COMMIT" : "ROLLBACK";
  if (sqlite3_exec(db, end, nullptr, nullptr, &message) != SQLITE_OK && done) {
    done = std::unexpected(std::string(message ? message : "cannot commit"));
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  sqlite3_free(message);
  return done;
}

std::expected<void, std::string> step_done(Statement& st) {
  if (auto ok = st.run(); !ok) return std::unexpected(ok.error().describe());
  return {};
}

// Prepares SQL, binds through BIND and runs it, expecting no rows.
template <typename Bind>
std::expected<void, std::string> run(sqlite3* db, std::string_view sql, Bind&& bind) {
  auto st = prepare(db, sql);
  if (!st) return std::unexpected(st.error());
  bind(*st);
  return step_done(*st);
}
}  // namespace

nlohmann::json to_json(const ClaimRecord& r) {
  return {{"claim_uuid", r.idempotency_key},
          {"terminal_id", r.terminal_id},
          {"status", r.status},
          {"reason", r.reason ? nlohmann::json(*r.reason) : nlohmann::json(nullptr)},
          {"received_at", r.received_at},
          {"updated_at", r.updated_at}};
}

std::string now_rfc3339() {
  using namespace std::chrono;
  const auto china = floor<seconds>(system_clock::now()) + hours(8);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}+08:00", china);
}

std::expected<std::unique_ptr<Database>, std::string> Database::open(
    const std::filesystem::path& path) {
  if (auto ok = make_private(path, CreateFile::if_missing); !ok) {
    return std::unexpected(ok.error());
  }
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    return std::unexpected(fmt::format("cannot open database {}: {}", path.string(), why));
  }
  sqlite3_busy_timeout(raw, 5000);
  int version = -1;
  {
    auto st = Statement::prepare(raw, "PRAGMA user_version");
    if (st && st->step().value_or(false)) version = static_cast<int>(st->column_int(0));
  }
  if (version < 0 || version > kSchemaVersion) {
    sqlite3_close(raw);
    return std::unexpected(fmt::format(
        "database {} is not a kiosk-central database of version 0 to {} (it says {}); it may "
        "have been written by a newer kiosk-central: run that version, or restore a backup",
        path.string(), kSchemaVersion, version));
  }
  // A database that already holds sealed data must not get a fresh key: that key would
  // open nothing, and new rows would be sealed under it.
  const std::filesystem::path key_path = path.string() + ".key";
  auto cipher = Cipher::from_key_file(key_path, version == kSchemaVersion
                                                    ? kiosk::store::CreateKey::never
                                                    : kiosk::store::CreateKey::if_missing);
  if (!cipher) {
    sqlite3_close(raw);
    return std::unexpected(fmt::format("database {}: {}", path.string(), cipher.error().message));
  }
  std::unique_ptr<Database> db(new Database(raw, std::make_unique<Cipher>(std::move(*cipher))));
  for (const char* sql : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL"}) {
    if (auto ok = db->exec(sql); !ok) {
      return std::unexpected(fmt::format("database {}: {}", path.string(), ok.error()));
    }
  }
  std::expected<void, std::string> ready;
  if (version == 1) {
    ready = db->migrate_from_plain();
  } else if (version == 0) {
    ready = in_transaction(raw, [&]() -> std::expected<void, std::string> {
      if (auto ok = db->exec(kSchema); !ok) return ok;
      return db->exec("PRAGMA user_version = 2");
    });
  }
  if (!ready) return std::unexpected(fmt::format("database {}: {}", path.string(), ready.error()));
  // -wal and -shm exist now; make sure they are as private as the file.
  if (auto ok = make_private(path, CreateFile::never); !ok) return std::unexpected(ok.error());
  auto demo = Statement::prepare(raw, "SELECT value FROM settings WHERE key = 'demo_settlements'");
  db->m_demo_settlements = demo && demo->step().value_or(false) && demo->column_text(0) == "1";
  return db;
}

Database::Database(sqlite3* db, std::unique_ptr<Cipher> cipher)
    : m_db(db), m_cipher(std::move(cipher)) {}

Database::~Database() {
  sqlite3_close(m_db);
}

std::expected<void, std::string> Database::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message ? message : "unknown SQLite error";
    sqlite3_free(message);
    return std::unexpected(why);
  }
  return {};
}

// Version 1 held claim bodies and member records in plain text. Each row is sealed into the
// version 2 tables; each claim's usage comes from its stored estimate, where only amounts in
// range count (the kiosk's numbers were not checked then). Staff PIN hashes of version 1 were
// fast hashes and are dropped: the config must be published again with the PINs. VACUUM and
// a truncating checkpoint then remove the plain pages from the file and the WAL.
std::expected<void, std::string> Database::migrate_from_plain() {
  std::size_t claims = 0, members = 0, dropped = 0;
  auto migrated = in_transaction(m_db, [&]() -> std::expected<void, std::string> {
    for (const char* sql :
         {"ALTER TABLE claims RENAME TO claims_v1", "ALTER TABLE members RENAME TO members_v1",
          "ALTER TABLE config RENAME TO config_v1", kSchema}) {
      if (auto ok = exec(sql); !ok) return ok;
    }
    // Each reading statement is finished before the DROP TABLE below, which it would lock.
    {
      auto old_members = prepare(m_db, "SELECT record FROM members_v1");
      if (!old_members) return std::unexpected(old_members.error());
      for (;;) {
        auto row = next_row(*old_members);
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        json record = json::parse(old_members->column_text(0), nullptr, false);
        auto id = record.is_object() ? id_number_of(record) : std::nullopt;
        if (!id) return std::unexpected(std::string("a version 1 member record has no ID number"));
        const std::string hash = m_cipher->lookup_hash(*id);
        auto put = run(m_db, "INSERT OR REPLACE INTO members (id_hash, record) VALUES (?, ?)",
                       [&](Statement& st) {
                         st.bind(1, hash).bind_blob(
                             2, m_cipher->encrypt(record.dump(), member_place(hash)));
                       });
        if (!put) return put;
        ++members;
      }
    }

    {
      auto old_claims = prepare(m_db,
                                "SELECT idempotency_key, terminal_id, status, reason, "
                                "received_at, updated_at, body FROM claims_v1 ORDER BY rowid");
      if (!old_claims) return std::unexpected(old_claims.error());
      for (;;) {
        auto row = next_row(*old_claims);
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        const ClaimRecord r = read_claim(*old_claims);
        const std::string body = old_claims->column_text(6);
        const json claim = json::parse(body, nullptr, false);
        const std::string hash = m_cipher->lookup_hash(id_number_of(claim).value_or(""));
        auto put = run(m_db,
                       "INSERT INTO claims (idempotency_key, terminal_id, member_hash, body, "
                       "status, reason, received_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                       [&](Statement& st) {
                         st.bind(1, r.idempotency_key)
                             .bind(2, r.terminal_id)
                             .bind(3, hash)
                             .bind_blob(4, m_cipher->encrypt(body, claim_place(r.idempotency_key)))
                             .bind(5, r.status)
                             .bind_opt(6, r.reason)
                             .bind(7, r.received_at)
                             .bind(8, r.updated_at);
                       });
        if (!put) return put;
        for (const auto& id : bill_ids(claim)) {
          auto bill = run(m_db,
                          "INSERT OR IGNORE INTO claim_bills (idempotency_key, bill_id) "
                          "VALUES (?, ?)",
                          [&](Statement& st) { st.bind(1, r.idempotency_key).bind(2, id); });
          if (!bill) return bill;
        }
        const json* plans = nullptr;
        if (claim.is_object() && claim.contains("estimate") && claim["estimate"].is_object() &&
            claim["estimate"].contains("plans") && claim["estimate"]["plans"].is_array()) {
          plans = &claim["estimate"]["plans"];
        }
        for (const json& plan : plans ? *plans : json::array()) {
          auto eligible = plan.is_object() && plan.contains("eligible_fen")
                              ? read_fen(plan["eligible_fen"], "eligible_fen")
                              : std::unexpected(std::string("missing"));
          auto benefit = plan.is_object() && plan.contains("benefit_fen")
                             ? read_fen(plan["benefit_fen"], "benefit_fen")
                             : std::unexpected(std::string("missing"));
          const auto year = whole_year(plan);
          const bool named = year && plan.contains("plan") && plan["plan"].is_string();
          if (!eligible || !benefit || !named) {
            ++dropped;
            continue;
          }
          auto use = run(m_db,
                         "INSERT OR IGNORE INTO claim_usage (idempotency_key, plan, year, "
                         "eligible_fen, benefit_fen) VALUES (?, ?, ?, ?, ?)",
                         [&](Statement& st) {
                           st.bind(1, r.idempotency_key)
                               .bind(2, plan["plan"].get<std::string>())
                               .bind(3, *year)
                               .bind(4, *eligible)
                               .bind(5, *benefit);
                         });
          if (!use) return use;
        }
        ++claims;
      }
    }

    {
      auto old_config = prepare(m_db, "SELECT body FROM config_v1 WHERE id = 1");
      if (!old_config) return std::unexpected(old_config.error());
      auto row = next_row(*old_config);
      if (!row) return std::unexpected(row.error());
      if (*row) {
        json config = json::parse(old_config->column_text(0), nullptr, false);
        if (config.is_object()) {
          config.erase("staff_pin_hashes");
          auto put = run(m_db, "INSERT INTO config (id, body) VALUES (1, ?)",
                         [&](Statement& st) { st.bind(1, config.dump()); });
          if (!put) return put;
        }
      }
    }
    for (const char* sql : {"DROP TABLE claims_v1", "DROP TABLE members_v1", "DROP TABLE config_v1",
                            "PRAGMA user_version = 2"}) {
      if (auto ok = exec(sql); !ok) return ok;
    }
    return {};
  });
  if (!migrated)
    return std::unexpected(fmt::format("migrating from version 1: {}", migrated.error()));
  for (const char* sql : {"VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"}) {
    if (auto ok = exec(sql); !ok) {
      return std::unexpected(
          fmt::format("after migrating from version 1 ({}): {}", sql, ok.error()));
    }
  }
  spdlog::warn(
      "central.db migrated from version 1: {} claims and {} members sealed; {} estimate "
      "entries out of range dropped; publish the staff PINs again (their old fast "
      "hashes were dropped)",
      claims, members, dropped);
  return {};
}

std::expected<std::optional<json>, std::string> Database::member_record(const std::string& hash) {
  auto st = prepare(m_db, "SELECT record FROM members WHERE id_hash = ?");
  if (!st) return std::unexpected(st.error());
  st->bind(1, hash);
  auto row = next_row(*st);
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<json>{};
  auto plain = m_cipher->decrypt(st->column_blob(0), member_place(hash));
  if (!plain) return std::unexpected(plain.error().message);
  json record = json::parse(plain->reveal(), nullptr, false);
  if (!record.is_object()) return std::unexpected(std::string("a stored member record is damaged"));
  return std::optional<json>{std::move(record)};
}

std::expected<std::vector<kiosk::core::PlanHistory>, std::string> Database::history(
    const std::string& hash) {
  auto st = prepare(m_db,
                    "SELECT u.plan, u.year, u.eligible_fen, u.benefit_fen FROM claim_usage u "
                    "JOIN claims c ON c.idempotency_key = u.idempotency_key "
                    "WHERE c.member_hash = ? AND c.status != 'rejected'");
  if (!st) return std::unexpected(st.error());
  st->bind(1, hash);
  std::vector<kiosk::core::PlanHistory> per_claim;
  auto read = each_row(*st, [&](const Statement& r) {
    per_claim.push_back({r.column_text(0), static_cast<int>(r.column_int(1)), r.column_int(2),
                         r.column_int(3)});
  });
  if (!read) return std::unexpected(read.error());
  return sum_history(per_claim);
}

std::expected<std::string, std::string> Database::config_body() {
  auto st = prepare(m_db, "SELECT body FROM config WHERE id = 1");
  if (!st) return std::unexpected(st.error());
  auto row = next_row(*st);
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::unexpected("no kiosk configuration has been published");
  return st->column_text(0);
}

std::expected<SubmitOutcome, std::string> Database::submit_claim(const std::string& key,
                                                                 const std::string& terminal_id,
                                                                 const json& claim) {
  std::lock_guard lock(m_mutex);
  const std::string body = claim.dump();
  SubmitOutcome out;
  {
    auto find = prepare(
        m_db, fmt::format("SELECT {}, body FROM claims WHERE idempotency_key = ?", kClaimColumns));
    if (!find) return std::unexpected(find.error());
    find->bind(1, key);
    auto row = next_row(*find);
    if (!row) return std::unexpected(row.error());
    if (*row) {
      out.record = read_claim(*find);
      auto stored = m_cipher->decrypt(find->column_blob(6), claim_place(key));
      if (!stored) return std::unexpected(stored.error().message);
      // A repeat from another terminal is not "the same claim" either.
      out.result = out.record.terminal_id == terminal_id && stored->reveal() == body
                       ? InsertResult::duplicate
                       : InsertResult::conflict;
      return out;
    }
  }

  const auto id_number = id_number_of(claim);
  const std::string hash = m_cipher->lookup_hash(id_number.value_or(""));
  ClaimFacts facts;
  auto member = member_record(hash);
  if (!member) return std::unexpected(member.error());
  facts.member = std::move(*member);
  if (facts.member && m_demo_settlements && id_number) {
    auto& bills = (*facts.member)["bills"];
    if (!bills.is_array()) bills = json::array();
    for (auto& bill : demo_claim_bills(*id_number, bill_ids(claim)))
      bills.push_back(std::move(bill));
  }
  // Without published rules the claim cannot be checked: that is the server's fault, so the
  // kiosk is told to retry (an error here is a 500), not that its claim is wrong.
  auto config = config_body();
  if (!config) return std::unexpected(config.error());
  const json document = json::parse(*config, nullptr, false);
  facts.rules = rules_from_json(document.is_object() && document.contains("benefit_rules")
                                    ? document["benefit_rules"]
                                    : json());
  if (!facts.rules) return std::unexpected(facts.rules.error());
  auto used = history(hash);
  if (!used) return std::unexpected(used.error());
  facts.history = std::move(*used);
  {
    auto claimed = prepare(m_db,
                           "SELECT b.bill_id FROM claim_bills b "
                           "JOIN claims c ON c.idempotency_key = b.idempotency_key "
                           "WHERE c.member_hash = ? AND c.status != 'rejected'");
    if (!claimed) return std::unexpected(claimed.error());
    claimed->bind(1, hash);
    auto read = each_row(
        *claimed, [&](const Statement& r) { facts.claimed_bills.insert(r.column_text(0)); });
    if (!read) return std::unexpected(read.error());
  }

  auto checked = check_claim(claim, facts);
  if (!checked) {
    out.result = InsertResult::refused;
    out.refusal = checked.error();
    return out;
  }
  const std::string now = now_rfc3339();
  auto stored = in_transaction(m_db, [&]() -> std::expected<void, std::string> {
    auto insert = run(m_db,
                      "INSERT INTO claims (idempotency_key, terminal_id, member_hash, body, "
                      "status, reason, received_at, updated_at) "
                      "VALUES (?, ?, ?, ?, 'received', NULL, ?, ?)",
                      [&](Statement& st) {
                        st.bind(1, key)
                            .bind(2, terminal_id)
                            .bind(3, hash)
                            .bind_blob(4, m_cipher->encrypt(body, claim_place(key)))
                            .bind(5, now)
                            .bind(6, now);
                      });
    if (!insert) return insert;
    for (const auto& plan : checked->estimate.plans) {
      auto use = run(m_db,
                     "INSERT INTO claim_usage (idempotency_key, plan, year, eligible_fen, "
                     "benefit_fen) VALUES (?, ?, ?, ?, ?)",
                     [&](Statement& st) {
                       st.bind(1, key)
                           .bind(2, plan.plan)
                           .bind(3, std::int64_t{plan.year})
                           .bind(4, plan.eligible_fen)
                           .bind(5, plan.benefit_fen);
                     });
      if (!use) return use;
    }
    for (const auto& bill : checked->bills) {
      auto used_bill =
          run(m_db, "INSERT INTO claim_bills (idempotency_key, bill_id) VALUES (?, ?)",
              [&](Statement& st) { st.bind(1, key).bind(2, bill.id); });
      if (!used_bill) return used_bill;
    }
    return {};
  });
  if (!stored) return std::unexpected(stored.error());
  out.result = InsertResult::created;
  out.record = {key, terminal_id, "received", std::nullopt, now, now};
  out.estimate_differences = std::move(checked->estimate_differences);
  return out;
}

std::expected<std::optional<ClaimRecord>, std::string> Database::find_claim(
    const std::string& key) {
  std::lock_guard lock(m_mutex);
  auto st =
      prepare(m_db, fmt::format("SELECT {} FROM claims WHERE idempotency_key = ?", kClaimColumns));
  if (!st) return std::unexpected(st.error());
  st->bind(1, key);
  auto row = next_row(*st);
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<ClaimRecord>{};
  return std::optional<ClaimRecord>{read_claim(*st)};
}

std::expected<std::vector<ClaimRecord>, std::string> Database::list_claims() {
  std::lock_guard lock(m_mutex);
  auto st = prepare(m_db, fmt::format("SELECT {} FROM claims ORDER BY rowid", kClaimColumns));
  if (!st) return std::unexpected(st.error());
  std::vector<ClaimRecord> out;
  auto read = each_row(*st, [&](const Statement& r) { out.push_back(read_claim(r)); });
  if (!read) return std::unexpected(read.error());
  return out;
}

std::expected<ClaimRecord, std::string> Database::set_status(
    const std::string& key, const std::string& status, const std::optional<std::string>& reason) {
  if (rank(status) < 0) {
    return std::unexpected(fmt::format(
        "unknown status '{}'; use received, reviewing, approved, paid or rejected", status));
  }
  if (status == "rejected" && (!reason || reason->empty())) {
    return std::unexpected("a rejected claim needs --reason so the worker learns why");
  }
  auto current = find_claim(key);
  if (!current) return std::unexpected(current.error());
  if (!*current) return std::unexpected(fmt::format("no claim with key {}", key));
  const std::string& from = (*current)->status;
  const bool allowed = (status == "rejected" && from != "paid" && from != "rejected") ||
                       (rank(status) == rank(from) + 1 && status != "rejected");
  if (!allowed) {
    return std::unexpected(fmt::format(
        "a claim that is {} cannot become {}; the order is received, reviewing, approved, "
        "paid, and any but a paid claim may be rejected",
        from, status));
  }
  std::lock_guard lock(m_mutex);
  auto ok = run(m_db,
                "UPDATE claims SET status = ?, reason = ?, updated_at = ? "
                "WHERE idempotency_key = ?",
                [&](Statement& st) {
                  st.bind(1, status)
                      .bind_opt(2, status == "rejected" ? reason : std::nullopt)
                      .bind(3, now_rfc3339())
                      .bind(4, key);
                });
  if (!ok) return std::unexpected(ok.error());
  ClaimRecord updated = **current;
  updated.status = status;
  updated.reason = status == "rejected" ? reason : std::nullopt;
  updated.updated_at = now_rfc3339();
  return updated;
}

std::expected<std::optional<json>, std::string> Database::lookup_member(
    const std::string& id_number, const std::string& terminal_id) {
  std::lock_guard lock(m_mutex);
  const std::string hash = m_cipher->lookup_hash(id_number);
  auto record = member_record(hash);
  if (!record) return std::unexpected(record.error());
  auto logged = run(m_db,
                    "INSERT INTO lookups (terminal_id, at, id_hash, found) VALUES (?, ?, ?, ?)",
                    [&](Statement& st) {
                      st.bind(1, terminal_id)
                          .bind(2, now_rfc3339())
                          .bind(3, hash)
                          .bind(4, std::int64_t{record->has_value() ? 1 : 0});
                    });
  if (!logged) return std::unexpected(logged.error());
  if (!*record) return std::optional<json>{};
  // What this member's earlier claims already used, by the server's own estimates.
  auto used = history(hash);
  if (!used) return std::unexpected(used.error());
  json& out = **record;
  out["history"] = json::array();
  for (const auto& h : *used) {
    out["history"].push_back({{"plan", h.plan},
                              {"year", h.year},
                              {"eligible_fen", h.eligible_fen},
                              {"benefit_fen", h.benefit_fen}});
  }
  return std::move(*record);
}

std::expected<void, std::string> Database::put_member(const json& record) {
  std::lock_guard lock(m_mutex);
  const std::string hash =
      m_cipher->lookup_hash(record.at("member").at("id_number").get<std::string>());
  auto stored = record;
  stored.erase("history");  // computed from the claims at each lookup
  return run(m_db, "INSERT OR REPLACE INTO members (id_hash, record) VALUES (?, ?)",
             [&](Statement& st) {
               st.bind(1, hash).bind_blob(2, m_cipher->encrypt(stored.dump(), member_place(hash)));
             });
}

std::expected<std::vector<AccessRecord>, std::string> Database::access_log() {
  std::lock_guard lock(m_mutex);
  auto st = prepare(m_db, "SELECT terminal_id, at, id_hash, found FROM lookups ORDER BY id");
  if (!st) return std::unexpected(st.error());
  std::vector<AccessRecord> out;
  auto read = each_row(*st, [&](const Statement& r) {
    out.push_back({r.column_text(0), r.column_text(1), r.column_text(2), r.column_int(3) != 0});
  });
  if (!read) return std::unexpected(read.error());
  return out;
}

std::expected<ConfigDocument, std::string> Database::config() {
  std::lock_guard lock(m_mutex);
  auto body = config_body();
  if (!body) return std::unexpected(body.error());
  json document = json::parse(*body);
  document["staff_pin_hashes"] = json::array();
  const std::string text = document.dump();
  return ConfigDocument{fmt::format("\"{}\"", base::sha256_hex(text).substr(0, 16)), text};
}

std::expected<ConfigDocument, std::string> Database::config(const std::string& terminal_id) {
  struct Missing {
    std::string staff_id;
    std::int64_t generation;
    std::string sealed_pin;
  };
  // Hashing takes about half a second per PIN: it runs outside the lock, and only for the
  // first pull of each terminal after a PIN changes.
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::string body;
    std::map<std::string, std::string> hashes;
    std::vector<Missing> missing;
    {
      std::lock_guard lock(m_mutex);
      auto stored = config_body();
      if (!stored) return std::unexpected(stored.error());
      body = std::move(*stored);
      auto st = prepare(m_db,
                        "SELECT s.staff_id, s.generation, s.pin, h.hash FROM staff s "
                        "LEFT JOIN staff_hashes h ON h.staff_id = s.staff_id AND "
                        "h.generation = s.generation AND h.terminal_id = ? ORDER BY s.staff_id");
      if (!st) return std::unexpected(st.error());
      st->bind(1, terminal_id);
      auto read = each_row(*st, [&](const Statement& r) {
        if (auto hash = r.column_opt_text(3)) {
          hashes[r.column_text(0)] = *hash;
        } else {
          missing.push_back({r.column_text(0), r.column_int(1), r.column_blob(2)});
        }
      });
      if (!read) return std::unexpected(read.error());
    }
    if (missing.empty()) {
      json document = json::parse(body);
      document["staff_pin_hashes"] = json::array();
      for (const auto& [staff_id, hash] : hashes) {
        document["staff_pin_hashes"].push_back({{"staff_id", staff_id}, {"pin_hash", hash}});
      }
      const std::string text = document.dump();
      return ConfigDocument{fmt::format("\"{}\"", base::sha256_hex(text).substr(0, 16)),
                            text};
    }
    std::vector<std::pair<Missing, std::string>> made;
    std::lock_guard hashing(m_hash_mutex);
    for (const auto& m : missing) {
      auto pin = m_cipher->decrypt(m.sealed_pin, pin_place(m.staff_id));
      if (!pin) return std::unexpected(pin.error().message);
      auto hash = hash_staff_pin(pin->reveal());
      if (!hash) return std::unexpected(hash.error());
      made.emplace_back(m, std::move(*hash));
    }
    std::lock_guard lock(m_mutex);
    for (const auto& [m, hash] : made) {
      // A hash of a PIN replaced meanwhile carries the old generation and is never served.
      auto put = run(m_db,
                     "INSERT OR IGNORE INTO staff_hashes (terminal_id, staff_id, "
                     "generation, hash) VALUES (?, ?, ?, ?)",
                     [&](Statement& st) {
                       st.bind(1, terminal_id).bind(2, m.staff_id).bind(3, m.generation).bind(4,
                                                                                             hash);
                     });
      if (!put) return std::unexpected(put.error());
    }
  }
  return std::unexpected(
      std::string("the staff PINs changed while this terminal's config was "
                  "being made; pull the config again"));
}

std::expected<void, std::string> Database::put_config(const json& config,
                                                      const std::vector<StaffPin>& pins) {
  json document = config;
  document.erase("staff_pin_hashes");
  const std::string body = document.dump();
  std::lock_guard lock(m_mutex);
  return in_transaction(m_db, [&]() -> std::expected<void, std::string> {
    auto put_body = run(m_db, "INSERT OR REPLACE INTO config (id, body) VALUES (1, ?)",
                        [&](Statement& st) { st.bind(1, body); });
    if (!put_body) return put_body;
    std::map<std::string, std::pair<std::string, std::int64_t>> existing;
    {
      auto read = prepare(m_db, "SELECT staff_id, pin, generation FROM staff");
      if (!read) return std::unexpected(read.error());
      auto rows = each_row(*read, [&](const Statement& r) {
        existing[r.column_text(0)] = {r.column_blob(1), r.column_int(2)};
      });
      if (!rows) return rows;
    }
    std::int64_t next = 1;
    {
      auto top = base::sqlite::query_int(m_db,
                                         "SELECT COALESCE(MAX(generation), 0) + 1 FROM staff_hashes");
      if (!top) return std::unexpected(top.error().describe());
      next = std::max<std::int64_t>(*top, 1);
      for (const auto& [id, row] : existing) next = std::max(next, row.second + 1);
    }
    std::set<std::string> kept;
    for (const auto& pin : pins) {
      kept.insert(pin.staff_id);
      // The same PIN again keeps its generation, so terminals keep their cached hashes.
      if (auto it = existing.find(pin.staff_id); it != existing.end()) {
        auto old = m_cipher->decrypt(it->second.first, pin_place(pin.staff_id));
        if (old && old->reveal() == pin.pin.reveal()) continue;
      }
      auto put = run(m_db,
                     "INSERT OR REPLACE INTO staff (staff_id, pin, generation) "
                     "VALUES (?, ?, ?)",
                     [&](Statement& st) {
                       st.bind(1, pin.staff_id)
                           .bind_blob(2, m_cipher->encrypt(pin.pin.reveal(),
                                                           pin_place(pin.staff_id)))
                           .bind(3, next++);
                     });
      if (!put) return put;
    }
    for (const auto& [id, row] : existing) {
      if (kept.contains(id)) continue;
      auto drop = run(m_db, "DELETE FROM staff WHERE staff_id = ?",
                      [&](Statement& st) { st.bind(1, id); });
      if (!drop) return drop;
    }
    return exec(
        "DELETE FROM staff_hashes WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE "
        "s.staff_id = staff_hashes.staff_id AND s.generation = staff_hashes.generation)");
  });
}

std::expected<void, std::string> Database::put_heartbeat(const std::string& terminal_id,
                                                         const std::string& body) {
  std::lock_guard lock(m_mutex);
  return run(m_db,
             "INSERT OR REPLACE INTO heartbeats (terminal_id, body, received_at) "
             "VALUES (?, ?, ?)",
             [&](Statement& st) { st.bind(1, terminal_id).bind(2, body).bind(3, now_rfc3339()); });
}

std::expected<void, std::string> Database::enable_demo_settlements() {
  std::lock_guard lock(m_mutex);
  if (auto ok = exec("INSERT OR REPLACE INTO settings (key, value) VALUES "
                     "('demo_settlements', '1')");
      !ok) {
    return ok;
  }
  m_demo_settlements = true;
  return {};
}

}  // namespace server
