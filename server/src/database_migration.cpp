// server::Database: the move from version 1's plain rows to sealed ones.
#include "server/database.h"

#include <fmt/core.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "base/sqlite.h"
#include "kiosk/store/crypto.h"
#include "server/claims.h"
#include "server/staff_pins.h"

#include "database_rows.h"

namespace server {
using kiosk::store::Cipher;
using nlohmann::json;
using namespace rows;

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

}  // namespace server
