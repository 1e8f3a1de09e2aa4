#include "server/database.h"

#include <array>
#include <chrono>

#include <fmt/chrono.h>
#include <fmt/core.h>
#include <openssl/evp.h>
#include <sqlite3.h>

#include "statement.h"

namespace server {
namespace {
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS claims (
  idempotency_key TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS members (
  id_number TEXT PRIMARY KEY,
  record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS config (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  body TEXT NOT NULL,
  etag TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS heartbeats (
  terminal_id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  received_at TEXT NOT NULL);
PRAGMA user_version = 1;
)sql";

constexpr const char* kClaimColumns =
    "idempotency_key, terminal_id, status, reason, received_at, updated_at";

ClaimRecord read_claim(const Statement& st) {
  return {st.text(0), st.text(1), st.text(2), st.optional_text(3), st.text(4), st.text(5)};
}

std::string sha256_hex(const std::string& text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

int rank(const std::string& status) {
  if (status == "received") return 0;
  if (status == "reviewing") return 1;
  if (status == "approved") return 2;
  if (status == "paid") return 3;
  if (status == "rejected") return 4;
  return -1;
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
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    return std::unexpected(fmt::format("cannot open database {}: {}", path.string(), why));
  }
  std::unique_ptr<Database> db(new Database(raw));
  sqlite3_busy_timeout(raw, 5000);
  for (const char* sql : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", kSchema}) {
    if (auto ok = db->exec(sql); !ok) {
      return std::unexpected(fmt::format("database {}: {}", path.string(), ok.error()));
    }
  }
  return db;
}

Database::Database(sqlite3* db) : m_db(db) {}

Database::~Database() {
  m_insert_claim.reset();
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

std::expected<InsertResult, std::string> Database::insert_claim(const std::string& key,
                                                                 const std::string& terminal_id,
                                                                 const std::string& body,
                                                                 ClaimRecord& record) {
  std::lock_guard lock(m_mutex);
  const std::string now = now_rfc3339();
  if (!m_insert_claim) {
    m_insert_claim = std::make_unique<Statement>(
        m_db,
        "INSERT INTO claims (idempotency_key, terminal_id, body, status, reason, received_at, "
        "updated_at) VALUES (?, ?, ?, 'received', NULL, ?, ?) "
        "ON CONFLICT (idempotency_key) DO NOTHING");
  }
  Statement& insert = *m_insert_claim;
  if (!insert.ok()) return std::unexpected(insert.error());
  insert.reset();
  insert.bind(1, key).bind(2, terminal_id).bind(3, body).bind(4, now).bind(5, now);
  const int rc = insert.step();
  const std::string why = rc == SQLITE_DONE ? std::string() : insert.error();
  insert.reset();  // releases the statement's hold on the database
  if (rc != SQLITE_DONE) return std::unexpected(why);
  if (sqlite3_changes(m_db) == 1) {
    record = {key, terminal_id, "received", std::nullopt, now, now};
    return InsertResult::created;
  }

  Statement find(m_db, fmt::format("SELECT {}, body FROM claims WHERE idempotency_key = ?",
                                   kClaimColumns).c_str());
  find.bind(1, key);
  if (find.step() != SQLITE_ROW) return std::unexpected(find.error());
  record = read_claim(find);
  // A repeat from another terminal is not "the same claim" either.
  if (record.terminal_id != terminal_id) return InsertResult::conflict;
  return find.text(6) == body ? InsertResult::duplicate : InsertResult::conflict;
}

std::expected<std::optional<ClaimRecord>, std::string> Database::find_claim(
    const std::string& key) {
  std::lock_guard lock(m_mutex);
  Statement st(m_db, fmt::format("SELECT {} FROM claims WHERE idempotency_key = ?",
                                 kClaimColumns).c_str());
  st.bind(1, key);
  const int rc = st.step();
  if (rc == SQLITE_DONE) return std::optional<ClaimRecord>{};
  if (rc != SQLITE_ROW) return std::unexpected(st.error());
  return std::optional<ClaimRecord>{read_claim(st)};
}

std::expected<std::vector<ClaimRecord>, std::string> Database::list_claims() {
  std::lock_guard lock(m_mutex);
  Statement st(m_db, fmt::format("SELECT {} FROM claims ORDER BY rowid", kClaimColumns).c_str());
  std::vector<ClaimRecord> out;
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) out.push_back(read_claim(st));
  if (rc != SQLITE_DONE) return std::unexpected(st.error());
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
        "paid, and any but a paid claim may be rejected", from, status));
  }
  std::lock_guard lock(m_mutex);
  Statement st(m_db, "UPDATE claims SET status = ?, reason = ?, updated_at = ? "
                     "WHERE idempotency_key = ?");
  st.bind(1, status).bind_optional(2, status == "rejected" ? reason : std::nullopt)
      .bind(3, now_rfc3339()).bind(4, key);
  if (st.step() != SQLITE_DONE) return std::unexpected(st.error());
  ClaimRecord updated = **current;
  updated.status = status;
  updated.reason = status == "rejected" ? reason : std::nullopt;
  updated.updated_at = now_rfc3339();
  return updated;
}

std::expected<std::optional<nlohmann::json>, std::string> Database::lookup_member(
    const std::string& id_number) {
  std::lock_guard lock(m_mutex);
  Statement st(m_db, "SELECT record FROM members WHERE id_number = ?");
  st.bind(1, id_number);
  const int rc = st.step();
  if (rc == SQLITE_DONE) return std::optional<nlohmann::json>{};
  if (rc != SQLITE_ROW) return std::unexpected(st.error());
  auto record = nlohmann::json::parse(st.text(0));
  // What this member's earlier claims already used, so the kiosk's estimate respects caps.
  Statement used(m_db,
                 "SELECT json_extract(p.value, '$.plan'), json_extract(p.value, '$.year'), "
                 "SUM(json_extract(p.value, '$.eligible_fen')), "
                 "SUM(json_extract(p.value, '$.benefit_fen')) "
                 "FROM claims c, json_each(c.body, '$.estimate.plans') p "
                 "WHERE json_extract(c.body, '$.member.id_number') = ? AND c.status != 'rejected' "
                 "GROUP BY 1, 2 ORDER BY 1, 2");
  if (!used.ok()) return std::unexpected(used.error());
  used.bind(1, id_number);
  record["history"] = nlohmann::json::array();
  int step;
  while ((step = used.step()) == SQLITE_ROW) {
    record["history"].push_back({{"plan", used.text(0)},
                                 {"year", used.integer(1)},
                                 {"eligible_fen", used.integer(2)},
                                 {"benefit_fen", used.integer(3)}});
  }
  if (step != SQLITE_DONE) return std::unexpected(used.error());
  return std::optional<nlohmann::json>{std::move(record)};
}

std::expected<void, std::string> Database::put_member(const nlohmann::json& record) {
  std::lock_guard lock(m_mutex);
  Statement st(m_db, "INSERT OR REPLACE INTO members (id_number, record) VALUES (?, ?)");
  auto stored = record;
  stored.erase("history");  // computed from the claims at each lookup
  st.bind(1, record.at("member").at("id_number").get<std::string>()).bind(2, stored.dump());
  if (st.step() != SQLITE_DONE) return std::unexpected(st.error());
  return {};
}

std::expected<ConfigDocument, std::string> Database::config() {
  std::lock_guard lock(m_mutex);
  Statement st(m_db, "SELECT etag, body FROM config WHERE id = 1");
  const int rc = st.step();
  if (rc == SQLITE_DONE) return std::unexpected("no kiosk configuration has been published");
  if (rc != SQLITE_ROW) return std::unexpected(st.error());
  return ConfigDocument{st.text(0), st.text(1)};
}

std::expected<void, std::string> Database::put_config(const nlohmann::json& config) {
  const std::string body = config.dump();
  const std::string etag = fmt::format("\"{}\"", sha256_hex(body).substr(0, 16));
  std::lock_guard lock(m_mutex);
  Statement st(m_db, "INSERT OR REPLACE INTO config (id, body, etag) VALUES (1, ?, ?)");
  st.bind(1, body).bind(2, etag);
  if (st.step() != SQLITE_DONE) return std::unexpected(st.error());
  return {};
}

std::expected<void, std::string> Database::put_heartbeat(const std::string& terminal_id,
                                                         const std::string& body) {
  std::lock_guard lock(m_mutex);
  Statement st(m_db, "INSERT OR REPLACE INTO heartbeats (terminal_id, body, received_at) "
                     "VALUES (?, ?, ?)");
  st.bind(1, terminal_id).bind(2, body).bind(3, now_rfc3339());
  if (st.step() != SQLITE_DONE) return std::unexpected(st.error());
  return {};
}

}  // namespace server
