// server::Database: member records, lookups and their access log.
#include "server/database.h"

#include <fmt/core.h>

#include "kiosk/store/crypto.h"

#include "database_rows.h"

namespace server {
using kiosk::store::Cipher;
using nlohmann::json;
using namespace rows;

std::expected<std::optional<json>, std::string> Database::lookup_member(
    const std::string& id_number, const std::string& terminal_id) {
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  const std::string hash = m_cipher->lookup_hash(id_number);
  auto record = member_record(**conn, hash);
  if (!record) return std::unexpected(record.error());
  auto logged =
      (*conn)->query("INSERT INTO lookups (terminal_id, at, id_hash, found) VALUES (?, ?, ?, ?)",
                     {terminal_id, now_rfc3339(), hash, record->has_value() ? 1 : 0});
  if (!logged) return std::unexpected(logged.error());
  if (!*record) return std::optional<json>{};
  // What this member's earlier claims already used, by the server's own estimates.
  auto used = history(**conn, hash);
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
  const std::string hash =
      m_cipher->lookup_hash(record.at("member").at("id_number").get<std::string>());
  auto stored = record;
  stored.erase("history");  // computed from the claims at each lookup
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  auto ok = (*conn)->query(
      "INSERT INTO members (id_hash, record) VALUES (?, ?) "
      "ON CONFLICT (id_hash) DO UPDATE SET record = excluded.record",
      {hash, sql::Bytes{m_cipher->encrypt(stored.dump(), member_place(hash))}});
  if (!ok) return std::unexpected(ok.error());
  return {};
}

std::expected<std::vector<AccessRecord>, std::string> Database::access_log() {
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  auto rows = (*conn)->query("SELECT terminal_id, at, id_hash, found FROM lookups ORDER BY id");
  if (!rows) return std::unexpected(rows.error());
  std::vector<AccessRecord> out;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    out.push_back({rows->text(i, 0), rows->text(i, 1), rows->text(i, 2), rows->integer(i, 3) != 0});
  }
  return out;
}

}  // namespace server
