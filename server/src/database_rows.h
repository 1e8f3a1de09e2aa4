#pragma once
// The schema and row helpers shared by the files of server::Database (database*.cpp): the one
// SQLite wrapper (base/sqlite.h) with this store's plain-text errors, where each sealed value
// lives, and the few fields of a claim body the store indexes. Private to kiosk-central.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include "base/sqlite.h"
#include "server/database.h"

namespace server::rows {
using nlohmann::json;

inline constexpr int kSchemaVersion = 2;

// Version 2: personal data sealed, members by keyed hash, the server's own estimate per
// claim (claim_usage), the settlement records each claim used, staff PINs and their
// per-terminal hashes, the lookup access log.
inline constexpr const char* kSchema = R"sql(
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

inline constexpr const char* kClaimColumns =
    "idempotency_key, terminal_id, status, reason, received_at, updated_at";

using base::sqlite::Statement;

inline ClaimRecord read_claim(const Statement& st) {
  return {st.column_text(0),     st.column_text(1), st.column_text(2),
          st.column_opt_text(3), st.column_text(4), st.column_text(5)};
}

// The one SQLite wrapper (base/sqlite.h), in this file's plain-text errors.
inline std::expected<Statement, std::string> prepare(sqlite3* db, std::string_view sql) {
  auto st = Statement::prepare(db, sql);
  if (!st) return std::unexpected(st.error().describe());
  return std::move(*st);
}

// true: a row is ready; false: no more rows.
inline std::expected<bool, std::string> next_row(Statement& st) {
  auto row = st.step();
  if (!row) return std::unexpected(row.error().describe());
  return *row;
}

// Calls READ(st) for each row.
template <typename Read>
inline std::expected<void, std::string> each_row(Statement& st, Read&& read) {
  for (;;) {
    auto row = next_row(st);
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
    read(st);
  }
}

// Where each sealed value lives: a value copied into another row does not decrypt.
inline std::string claim_place(const std::string& key) {
  return "claims.body:" + key;
}
inline std::string member_place(const std::string& id_hash) {
  return "members.record:" + id_hash;
}
inline std::string pin_place(const std::string& staff_id) {
  return "staff.pin:" + staff_id;
}

inline int rank(const std::string& status) {
  if (status == "received") return 0;
  if (status == "reviewing") return 1;
  if (status == "approved") return 2;
  if (status == "paid") return 3;
  if (status == "rejected") return 4;
  return -1;
}

inline std::optional<std::string> id_number_of(const json& claim) {
  if (!claim.is_object()) return std::nullopt;
  auto member = claim.find("member");
  if (member == claim.end() || !member->is_object()) return std::nullopt;
  auto id = member->find("id_number");
  if (id == member->end() || !id->is_string()) return std::nullopt;
  return id->get<std::string>();
}

inline std::vector<std::string> bill_ids(const json& claim) {
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
inline std::optional<std::int64_t> whole_year(const json& plan) {
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
inline std::expected<void, std::string> in_transaction(sqlite3* db, Work&& work) {
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

inline std::expected<void, std::string> step_done(Statement& st) {
  if (auto ok = st.run(); !ok) return std::unexpected(ok.error().describe());
  return {};
}

// Prepares SQL, binds through BIND and runs it, expecting no rows.
template <typename Bind>
inline std::expected<void, std::string> run(sqlite3* db, std::string_view sql, Bind&& bind) {
  auto st = prepare(db, sql);
  if (!st) return std::unexpected(st.error());
  bind(*st);
  return step_done(*st);
}

}  // namespace server::rows
