#pragma once
// The schema, its migrations and the row helpers shared by the files of server::Database
// (database*.cpp): the SQL both engines run (server/sql.h translates the {tokens}), where each
// sealed value lives, and the few fields of a claim body the store indexes. Private to
// kiosk-central.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/database.h"
#include "server/sql.h"

namespace server::rows {
using nlohmann::json;

inline constexpr int kSchemaVersion = 4;

// Version 2: personal data sealed, members by keyed hash, the server's own estimate per
// claim (claim_usage), the settlement records each claim used, staff PINs and their
// per-terminal hashes, the lookup access log.
inline constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS claims ({seq_column}
  idempotency_key TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  member_hash TEXT NOT NULL,
  body {blob} NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_by_member ON claims (member_hash);
CREATE TABLE IF NOT EXISTS claim_usage (
  idempotency_key TEXT NOT NULL,
  plan TEXT NOT NULL,
  year INTEGER NOT NULL,
  eligible_fen BIGINT NOT NULL CHECK (eligible_fen >= 0),
  benefit_fen BIGINT NOT NULL CHECK (benefit_fen >= 0),
  PRIMARY KEY (idempotency_key, plan, year));
CREATE TABLE IF NOT EXISTS claim_bills (
  idempotency_key TEXT NOT NULL,
  bill_id TEXT NOT NULL,
  PRIMARY KEY (idempotency_key, bill_id));
CREATE TABLE IF NOT EXISTS members (
  id_hash TEXT PRIMARY KEY,
  record {blob} NOT NULL);
CREATE TABLE IF NOT EXISTS config (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS staff (
  staff_id TEXT PRIMARY KEY,
  pin {blob} NOT NULL,
  generation BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS staff_hashes (
  terminal_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  generation BIGINT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (terminal_id, staff_id, generation));
CREATE TABLE IF NOT EXISTS heartbeats (
  terminal_id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lookups (
  id {serial},
  terminal_id TEXT NOT NULL,
  at TEXT NOT NULL,
  id_hash TEXT NOT NULL,
  found INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL);
)sql";

// Version 3: centres (the OU of a terminal's certificate) on claims and heartbeats; indexes
// for the operator's filters; each member's usage per plan and year kept as a sum, and the
// claimed settlement records indexed by id, so checking a claim reads rows in proportion to
// the claim, not to the member's earlier claims.
inline constexpr const char* kMigration3 = R"sql(
ALTER TABLE claims ADD COLUMN centre TEXT NOT NULL DEFAULT '';
ALTER TABLE heartbeats ADD COLUMN centre TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS claims_by_received ON claims (received_at);
CREATE INDEX IF NOT EXISTS claims_by_centre ON claims (centre, received_at);
CREATE INDEX IF NOT EXISTS claims_by_terminal ON claims (terminal_id, received_at);
CREATE INDEX IF NOT EXISTS claim_bills_by_bill ON claim_bills (bill_id);
CREATE TABLE IF NOT EXISTS member_usage (
  member_hash TEXT NOT NULL,
  plan TEXT NOT NULL,
  year INTEGER NOT NULL,
  eligible_fen BIGINT NOT NULL CHECK (eligible_fen >= 0),
  benefit_fen BIGINT NOT NULL CHECK (benefit_fen >= 0),
  PRIMARY KEY (member_hash, plan, year));
INSERT INTO member_usage (member_hash, plan, year, eligible_fen, benefit_fen)
  SELECT c.member_hash, u.plan, u.year, SUM(u.eligible_fen), SUM(u.benefit_fen)
  FROM claim_usage u JOIN claims c ON c.idempotency_key = u.idempotency_key
  WHERE c.status <> 'rejected' GROUP BY c.member_hash, u.plan, u.year;
)sql";

// Version 4: printed personal-share statements by verification number (what the paper says,
// for anyone checking it: masked name, period, totals, time).
inline constexpr const char* kMigration4 = R"sql(
CREATE TABLE IF NOT EXISTS statements (
  number TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  centre TEXT NOT NULL,
  body TEXT NOT NULL,
  registered_at TEXT NOT NULL);
)sql";

inline constexpr const char* kClaimColumns =
    "c.idempotency_key, c.terminal_id, c.status, c.reason, c.received_at, c.updated_at, "
    "c.centre";

inline ClaimRecord read_claim(const sql::Rows& rows, std::size_t i) {
  return {rows.text(i, 0), rows.text(i, 1), rows.text(i, 2), rows.opt_text(i, 3),
          rows.text(i, 4), rows.text(i, 5), rows.text(i, 6)};
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

// Sums as the store keeps them: saturating far above any real figure (every amount is at
// most kMaxAmountFen a bill), never wrapping.
inline std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  constexpr std::int64_t kCeiling = 1'000'000'000'000'000'000;
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum) || sum > kCeiling) return kCeiling;
  return sum < 0 ? 0 : sum;
}

}  // namespace server::rows
