// server::Database: the published kiosk config and each terminal's staff PIN hashes.
#include "server/database.h"

#include <map>
#include <set>

#include <fmt/core.h>
#include <sqlite3.h>

#include "base/sha256.h"
#include "base/sqlite.h"
#include "kiosk/store/crypto.h"
#include "server/staff_pins.h"

#include "database_rows.h"

namespace server {
using kiosk::store::Cipher;
using nlohmann::json;
using namespace rows;

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
      return ConfigDocument{fmt::format("\"{}\"", base::sha256_hex(text).substr(0, 16)), text};
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
      auto put =
          run(m_db,
              "INSERT OR IGNORE INTO staff_hashes (terminal_id, staff_id, "
              "generation, hash) VALUES (?, ?, ?, ?)",
              [&](Statement& st) {
                st.bind(1, terminal_id).bind(2, m.staff_id).bind(3, m.generation).bind(4, hash);
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
      auto top = base::sqlite::query_int(
          m_db, "SELECT COALESCE(MAX(generation), 0) + 1 FROM staff_hashes");
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
      auto put =
          run(m_db,
              "INSERT OR REPLACE INTO staff (staff_id, pin, generation) "
              "VALUES (?, ?, ?)",
              [&](Statement& st) {
                st.bind(1, pin.staff_id)
                    .bind_blob(2, m_cipher->encrypt(pin.pin.reveal(), pin_place(pin.staff_id)))
                    .bind(3, next++);
              });
      if (!put) return put;
    }
    for (const auto& [id, row] : existing) {
      if (kept.contains(id)) continue;
      auto drop =
          run(m_db, "DELETE FROM staff WHERE staff_id = ?", [&](Statement& st) { st.bind(1, id); });
      if (!drop) return drop;
    }
    return exec(
        "DELETE FROM staff_hashes WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE "
        "s.staff_id = staff_hashes.staff_id AND s.generation = staff_hashes.generation)");
  });
}

}  // namespace server
