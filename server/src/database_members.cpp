// server::Database: member records, lookups and their access log.
#include "server/database.h"

#include <fmt/core.h>
#include <sqlite3.h>

#include "base/sqlite.h"
#include "kiosk/store/crypto.h"

#include "database_rows.h"

namespace server {
using kiosk::store::Cipher;
using nlohmann::json;
using namespace rows;

std::expected<std::optional<json>, std::string> Database::lookup_member(
    const std::string& id_number, const std::string& terminal_id) {
  std::lock_guard lock(m_mutex);
  const std::string hash = m_cipher->lookup_hash(id_number);
  auto record = member_record(hash);
  if (!record) return std::unexpected(record.error());
  auto logged =
      run(m_db, "INSERT INTO lookups (terminal_id, at, id_hash, found) VALUES (?, ?, ?, ?)",
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

}  // namespace server
