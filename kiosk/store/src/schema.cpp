#include "kiosk/store/schema.h"

#include <array>

#include <fmt/core.h>

#include "sqlite.h"
#include "store_impl.h"

namespace kiosk::store {
namespace {
// Version 3 -> 4: each claim's bills move out of the plain claim_bills table into one
// encrypted value on the claim (hospitals, dates and amounts are health data), and so does
// its estimate (the plans it used name the kind of care, such as chronic illness).
std::expected<void, Error> encrypt_claim_bills(sqlite3* db, const Cipher* cipher) {
  auto claims =
      sql::Statement::prepare(db, "SELECT uuid, estimate_json FROM claims ORDER BY sequence");
  if (!claims) return std::unexpected(claims.error());
  auto bills = sql::Statement::prepare(db, R"sql(
    SELECT bill_id, institution, visit_type, admitted, discharged, total_fen, fund_paid_fen,
      account_paid_fen, cash_paid_fen, self_pay_full_fen
    FROM claim_bills WHERE claim_uuid = ? ORDER BY position)sql");
  if (!bills) return std::unexpected(bills.error());
  auto update = sql::Statement::prepare(
      db, "UPDATE claims SET bills_enc = ?, estimate_enc = ? WHERE uuid = ?");
  if (!update) return std::unexpected(update.error());
  for (;;) {
    auto row = claims->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
    if (cipher == nullptr) {
      return std::unexpected(
          Error{Error::Kind::key, "the claims' bills must be encrypted and no key was given", ""});
    }
    const std::string uuid = claims->column_text(0);
    std::string estimate = claims->column_text(1);
    std::vector<core::Bill> list;
    bills->reset();
    bills->bind(1, uuid);
    for (;;) {
      auto bill_row = bills->step();
      if (!bill_row) return std::unexpected(bill_row.error());
      if (!*bill_row) break;
      core::Bill b;
      b.id = bills->column_text(0);
      b.institution = bills->column_text(1);
      b.visit_type =
          core::parse_visit_type(bills->column_text(2)).value_or(core::VisitType::outpatient);
      b.admitted = core::parse_date(bills->column_text(3)).value_or(core::Date{});
      b.discharged = core::parse_date(bills->column_text(4)).value_or(core::Date{});
      b.total_fen = bills->column_int(5);
      b.fund_paid_fen = bills->column_int(6);
      b.account_paid_fen = bills->column_int(7);
      b.cash_paid_fen = bills->column_int(8);
      b.self_pay_full_fen = bills->column_int(9);
      list.push_back(std::move(b));
    }
    update->reset();
    update->bind_blob(1, seal_claim_bills(*cipher, uuid, list))
        .bind_blob(2, cipher->encrypt(estimate, where("claims.estimate", uuid)))
        .bind(3, uuid);
    core::secure_zero(estimate.data(), estimate.size());
    if (auto ok = update->run(); !ok) return ok;
  }
}

struct Step {
  std::string_view sql;
  // Runs after `sql`, for what SQL alone cannot do (encrypting rows).
  std::expected<void, Error> (*rewrite)(sqlite3*, const Cipher*) = nullptr;
  std::string_view after_sql = "";
};

// Index i holds the step from version i to i + 1. Never edit a released step: add one.
const std::array<Step, kSchemaVersion> kSteps = {
    Step{R"sql(
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE claims (
  uuid TEXT PRIMARY KEY,
  sequence INTEGER NOT NULL UNIQUE,
  terminal_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  id_hash TEXT NOT NULL,
  id_number_enc BLOB, name_enc BLOB, phone_enc BLOB, bank_account_enc BLOB,
  union_name TEXT NOT NULL DEFAULT '',
  id_number_masked TEXT NOT NULL, name_masked TEXT NOT NULL,
  phone_masked TEXT NOT NULL, bank_account_masked TEXT NOT NULL,
  estimate_json TEXT NOT NULL,
  total_benefit_fen INTEGER NOT NULL,
  commitment_version TEXT NOT NULL, signature_sha256 TEXT NOT NULL, accepted_at TEXT NOT NULL,
  server_claim_id TEXT, server_status TEXT, synced_ms INTEGER
);
CREATE TABLE claim_bills (
  claim_uuid TEXT NOT NULL REFERENCES claims(uuid),
  position INTEGER NOT NULL,
  bill_id TEXT NOT NULL, institution TEXT NOT NULL, visit_type TEXT NOT NULL,
  admitted TEXT NOT NULL, discharged TEXT NOT NULL,
  total_fen INTEGER NOT NULL, fund_paid_fen INTEGER NOT NULL, account_paid_fen INTEGER NOT NULL,
  cash_paid_fen INTEGER NOT NULL, self_pay_full_fen INTEGER NOT NULL,
  PRIMARY KEY (claim_uuid, position)
) WITHOUT ROWID;
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  claim_uuid TEXT NOT NULL UNIQUE REFERENCES claims(uuid),
  body_enc BLOB,
  body_sha256 TEXT NOT NULL,
  frozen INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL
    CHECK (state IN ('pending', 'sending', 'acked', 'retry_wait', 'quarantined')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  last_error_class TEXT NOT NULL DEFAULT '',
  last_error_enc BLOB,
  acked_ms INTEGER
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_ms, id);
CREATE TRIGGER outbox_body_frozen BEFORE UPDATE OF body_enc, body_sha256 ON outbox
  WHEN OLD.frozen = 1 AND (NEW.body_enc IS NOT NULL OR NEW.body_sha256 <> OLD.body_sha256)
BEGIN
  SELECT RAISE(ABORT, 'the request body is frozen once a send was attempted');
END;
)sql"},
    Step{R"sql(
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  event TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE settlement_cache (
  id_hash TEXT PRIMARY KEY,
  fetched_ms INTEGER NOT NULL,
  bills_enc BLOB NOT NULL
) WITHOUT ROWID;
ALTER TABLE claims ADD COLUMN purged_ms INTEGER;
CREATE INDEX claims_by_person ON claims (id_hash);
)sql"},
    // The queue's figures (counts) read only these indexes: without them every refresh walked
    // every outbox row, body and all, and the worker refreshes after each window and wake.
    Step{R"sql(
CREATE INDEX outbox_waiting_since ON outbox (state, created_ms);
CREATE INDEX outbox_acked_at ON outbox (acked_ms) WHERE acked_ms IS NOT NULL;
CREATE INDEX outbox_last_error ON outbox (updated_ms, id) WHERE last_error_class <> '';
)sql"},
    Step{"ALTER TABLE claims ADD COLUMN bills_enc BLOB; "
         "ALTER TABLE claims ADD COLUMN estimate_enc BLOB;",
         encrypt_claim_bills,
         // secure_delete (set on every connection) zeroes the dropped table's pages.
         "DROP TABLE claim_bills; ALTER TABLE claims DROP COLUMN estimate_json;"},
    // Version 4 kept a claim's status without the server's reason. Rejected claims from then
    // keep NULL here, so the worker asks the server about them once more to learn why.
    Step{"ALTER TABLE claims ADD COLUMN server_reason_enc BLOB;"},
};
}  // namespace

std::expected<void, Error> migrate(sqlite3* db, int from, int target, const Cipher* cipher) {
  if (from == target) return {};
  auto tx = sql::Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  for (int version = from; version < target; ++version) {
    const Step& step = kSteps[static_cast<std::size_t>(version)];
    std::expected<void, Error> ok = sql::exec(db, step.sql);
    if (ok && step.rewrite != nullptr) ok = step.rewrite(db, cipher);
    if (ok && !step.after_sql.empty()) ok = sql::exec(db, step.after_sql);
    if (!ok) {
      Error error = ok.error();
      error.message = fmt::format("could not upgrade the database from version {} to {}: {}",
                                  version, version + 1, error.message);
      return std::unexpected(error);
    }
  }
  if (auto ok = sql::exec(db, fmt::format("PRAGMA user_version = {}", target)); !ok) {
    return std::unexpected(ok.error());
  }
  if (target >= 2) {
    if (auto ok = append_audit(db, "schema_migrated", fmt::format("{} -> {}", from, target),
                               unix_ms(now()));
        !ok) {
      return std::unexpected(ok.error());
    }
  }
  return tx->commit();
}

std::expected<void, Error> create_database_at_version(const std::filesystem::path& path,
                                                      int version) {
  if (version < 0 || version > kSchemaVersion) {
    return std::unexpected(Error{
        Error::Kind::invalid,
        fmt::format("schema version {} does not exist (0 to {})", version, kSchemaVersion), ""});
  }
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  struct Closer {
    sqlite3* db;
    ~Closer() { sqlite3_close_v2(db); }
  } closer{db};
  if (rc != SQLITE_OK) return std::unexpected(sql::error_from(db, rc, "create the database"));
  auto current = sql::query_int(db, "PRAGMA user_version");
  if (!current) return std::unexpected(current.error());
  if (*current > version) {
    return std::unexpected(Error{Error::Kind::schema, "the database is already newer", ""});
  }
  if (auto ok = sql::exec(db, "PRAGMA journal_mode = WAL"); !ok) return std::unexpected(ok.error());
  return migrate(db, static_cast<int>(*current), version, nullptr);
}

}  // namespace kiosk::store
