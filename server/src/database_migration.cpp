// server::Database: the move from version 1's plain rows to sealed ones.
#include "server/database.h"

#include <fmt/core.h>
#include <spdlog/spdlog.h>

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
std::expected<void, std::string> Database::migrate_from_plain(sql::Connection& conn) {
  std::size_t claims = 0, members = 0, dropped = 0;
  auto migrated = sql::in_transaction(conn, [&]() -> std::expected<void, std::string> {
    for (const char* sql :
         {"ALTER TABLE claims RENAME TO claims_v1", "ALTER TABLE members RENAME TO members_v1",
          "ALTER TABLE config RENAME TO config_v1", kSchema}) {
      if (auto ok = conn.script(sql); !ok) return ok;
    }
    {
      auto old_members = conn.query("SELECT record FROM members_v1");
      if (!old_members) return std::unexpected(old_members.error());
      for (std::size_t i = 0; i < old_members->size(); ++i) {
        json record = json::parse(old_members->text(i, 0), nullptr, false);
        auto id = record.is_object() ? id_number_of(record) : std::nullopt;
        if (!id) return std::unexpected(std::string("a version 1 member record has no ID number"));
        const std::string hash = m_cipher->lookup_hash(*id);
        auto put = conn.query(
            "INSERT INTO members (id_hash, record) VALUES (?, ?) "
            "ON CONFLICT (id_hash) DO UPDATE SET record = excluded.record",
            {hash, sql::Bytes{m_cipher->encrypt(record.dump(), member_place(hash))}});
        if (!put) return std::unexpected(put.error());
        ++members;
      }
    }

    {
      auto old_claims = conn.query(
          "SELECT idempotency_key, terminal_id, status, reason, received_at, updated_at, '', "
          "body FROM claims_v1 ORDER BY rowid");
      if (!old_claims) return std::unexpected(old_claims.error());
      for (std::size_t i = 0; i < old_claims->size(); ++i) {
        const ClaimRecord r = read_claim(*old_claims, i);
        const std::string body = old_claims->text(i, 7);
        const json claim = json::parse(body, nullptr, false);
        const std::string hash = m_cipher->lookup_hash(id_number_of(claim).value_or(""));
        auto put = conn.query(
            "INSERT INTO claims (idempotency_key, terminal_id, member_hash, body, "
            "status, reason, received_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
            {r.idempotency_key, r.terminal_id, hash,
             sql::Bytes{m_cipher->encrypt(body, claim_place(r.idempotency_key))}, r.status,
             r.reason, r.received_at, r.updated_at});
        if (!put) return std::unexpected(put.error());
        for (const auto& id : bill_ids(claim)) {
          auto bill = conn.query(
              "INSERT INTO claim_bills (idempotency_key, bill_id) VALUES (?, ?) "
              "ON CONFLICT DO NOTHING",
              {r.idempotency_key, id});
          if (!bill) return std::unexpected(bill.error());
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
          auto use = conn.query(
              "INSERT INTO claim_usage (idempotency_key, plan, year, eligible_fen, benefit_fen) "
              "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
              {r.idempotency_key, plan["plan"].get<std::string>(), *year, *eligible, *benefit});
          if (!use) return std::unexpected(use.error());
        }
        ++claims;
      }
    }

    {
      auto old_config = conn.query("SELECT body FROM config_v1 WHERE id = 1");
      if (!old_config) return std::unexpected(old_config.error());
      if (!old_config->empty()) {
        json config = json::parse(old_config->text(0, 0), nullptr, false);
        if (config.is_object()) {
          config.erase("staff_pin_hashes");
          auto put = conn.query("INSERT INTO config (id, body) VALUES (1, ?)", {config.dump()});
          if (!put) return std::unexpected(put.error());
        }
      }
    }
    for (const char* sql :
         {"DROP TABLE claims_v1", "DROP TABLE members_v1", "DROP TABLE config_v1"}) {
      if (auto ok = conn.script(sql); !ok) return ok;
    }
    return conn.set_schema_version(2);
  });
  if (!migrated)
    return std::unexpected(fmt::format("migrating from version 1: {}", migrated.error()));
  for (const char* sql : {"VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"}) {
    if (auto ok = conn.script(sql); !ok) {
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
