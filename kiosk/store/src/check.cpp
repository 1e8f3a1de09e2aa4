// `store check`: everything that must hold for the store to be trusted, each failure one line.
#include <fmt/core.h>

#include "base/sha256.h"
#include "kiosk/store/schema.h"
#include "store_impl.h"

namespace kiosk::store {
namespace {
std::expected<void, Error> sqlite_checks(sqlite3* db, std::vector<std::string>& problems) {
  auto integrity = sql::Statement::prepare(db, "PRAGMA integrity_check(20)");
  if (!integrity) return std::unexpected(integrity.error());
  for (;;) {
    auto row = integrity->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    if (integrity->column_text(0) != "ok") {
      problems.push_back("sqlite integrity: " + integrity->column_text(0));
    }
  }
  auto keys = sql::query_int(db, "SELECT count(*) FROM pragma_foreign_key_check");
  if (!keys) return std::unexpected(keys.error());
  if (*keys > 0) problems.push_back(fmt::format("{} rows refer to missing rows", *keys));
  auto version = sql::query_int(db, "PRAGMA user_version");
  if (!version) return std::unexpected(version.error());
  if (*version != kSchemaVersion) {
    problems.push_back(fmt::format("schema version {} (expected {})", *version, kSchemaVersion));
  }
  return {};
}

std::expected<void, Error> claim_checks(sqlite3* db, const Cipher& cipher,
                                        std::vector<std::string>& problems, CheckReport& report) {
  auto s = sql::Statement::prepare(db, R"sql(
    SELECT c.uuid, c.id_number_enc, c.name_enc, c.phone_enc, c.bank_account_enc,
      c.purged_ms IS NOT NULL, o.id, o.body_enc, o.body_sha256, c.bills_enc, c.estimate_enc,
      c.server_reason_enc
    FROM claims c LEFT JOIN outbox o ON o.claim_uuid = c.uuid ORDER BY c.sequence)sql");
  if (!s) return std::unexpected(s.error());
  for (;;) {
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    ++report.claims;
    const std::string uuid = s->column_text(0);
    const bool purged = s->column_int(5) != 0;
    const std::pair<int, std::string_view> columns[] = {{1, "claims.id_number"},
                                                        {2, "claims.name"},
                                                        {3, "claims.phone"},
                                                        {4, "claims.bank_account"}};
    for (const auto& [column, place] : columns) {
      if (s->column_null(column)) {
        if (!purged) problems.push_back(fmt::format("claim {}: {} is missing", uuid, place));
        continue;
      }
      if (!cipher.decrypt(s->column_blob(column), where(place, uuid))) {
        problems.push_back(fmt::format("claim {}: {} does not decrypt", uuid, place));
      }
    }
    if (s->column_null(10) || !cipher.decrypt(s->column_blob(10), where("claims.estimate", uuid))) {
      problems.push_back(
          fmt::format("claim {}: its estimate is missing or does not decrypt", uuid));
    }
    if (!s->column_null(11) &&
        !cipher.decrypt(s->column_blob(11), where("claims.server_reason", uuid))) {
      problems.push_back(fmt::format("claim {}: the server's reason does not decrypt", uuid));
    }
    if (s->column_null(9)) {
      problems.push_back(fmt::format("claim {}: has no bills", uuid));
    } else if (auto bills = open_claim_bills(cipher, uuid, s->column_blob(9)); !bills) {
      problems.push_back(fmt::format("claim {}: its bills do not decrypt", uuid));
    } else if (bills->empty()) {
      problems.push_back(fmt::format("claim {}: has no bills", uuid));
    }
    if (s->column_null(6)) {
      problems.push_back(fmt::format("claim {}: has no outbox row", uuid));
      continue;
    }
    if (s->column_null(7)) {
      if (!purged) problems.push_back(fmt::format("claim {}: request body is missing", uuid));
      continue;
    }
    auto body = cipher.decrypt(s->column_blob(7), where("outbox.body", uuid));
    if (!body) {
      problems.push_back(fmt::format("claim {}: request body does not decrypt", uuid));
    } else if (base::sha256_hex(body->reveal()) != s->column_text(8)) {
      problems.push_back(fmt::format("claim {}: request body does not match its hash", uuid));
    }
  }
  auto orphans = sql::query_int(
      db, "SELECT count(*) FROM outbox WHERE claim_uuid NOT IN (SELECT uuid FROM claims)");
  if (!orphans) return std::unexpected(orphans.error());
  if (*orphans > 0) problems.push_back(fmt::format("{} outbox rows without a claim", *orphans));
  auto items = sql::query_int(db, "SELECT count(*) FROM outbox");
  if (!items) return std::unexpected(items.error());
  report.outbox_items = *items;
  return {};
}
}  // namespace

std::expected<CheckReport, Error> Store::check() {
  std::lock_guard lock(m_impl->mutex);
  CheckReport report;
  if (auto ok = sqlite_checks(m_impl->db, report.problems); !ok) return std::unexpected(ok.error());
  if (auto ok = claim_checks(m_impl->db, m_impl->cipher, report.problems, report); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = verify_audit_chain(m_impl->db, report.problems, report.audit_entries); !ok) {
    return std::unexpected(ok.error());
  }
  return report;
}

}  // namespace kiosk::store
