// server::Database: the published kiosk config and each terminal's staff PIN hashes.
#include "server/database.h"

#include <map>
#include <set>

#include <fmt/core.h>

#include "base/sha256.h"
#include "kiosk/store/crypto.h"
#include "server/staff_pins.h"

#include "database_rows.h"

namespace server {
using kiosk::store::Cipher;
using nlohmann::json;
using namespace rows;

std::expected<ConfigDocument, std::string> Database::config() {
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  auto body = config_body(**conn);
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
      auto conn = m_pool->acquire();
      if (!conn) return std::unexpected(conn.error());
      auto stored = config_body(**conn);
      if (!stored) return std::unexpected(stored.error());
      body = std::move(*stored);
      auto rows = (*conn)->query(
          "SELECT s.staff_id, s.generation, s.pin, h.hash FROM staff s "
          "LEFT JOIN staff_hashes h ON h.staff_id = s.staff_id AND "
          "h.generation = s.generation AND h.terminal_id = ? ORDER BY s.staff_id",
          {terminal_id});
      if (!rows) return std::unexpected(rows.error());
      for (std::size_t i = 0; i < rows->size(); ++i) {
        if (auto hash = rows->opt_text(i, 3)) {
          hashes[rows->text(i, 0)] = *hash;
        } else {
          missing.push_back({rows->text(i, 0), rows->integer(i, 1), rows->text(i, 2)});
        }
      }
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
    auto conn = m_pool->acquire();
    if (!conn) return std::unexpected(conn.error());
    for (const auto& [m, hash] : made) {
      // A hash of a PIN replaced meanwhile carries the old generation and is never served.
      auto put = (*conn)->query(
          "INSERT INTO staff_hashes (terminal_id, staff_id, generation, hash) "
          "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
          {terminal_id, m.staff_id, m.generation, hash});
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
  auto lease = m_pool->acquire();
  if (!lease) return std::unexpected(lease.error());
  sql::Connection& conn = **lease;
  return sql::in_transaction(conn, [&]() -> std::expected<void, std::string> {
    if (auto ok = conn.lock("kiosk-central config"); !ok) return ok;
    auto put_body = conn.query(
        "INSERT INTO config (id, body) VALUES (1, ?) "
        "ON CONFLICT (id) DO UPDATE SET body = excluded.body",
        {body});
    if (!put_body) return std::unexpected(put_body.error());
    std::map<std::string, std::pair<std::string, std::int64_t>> existing;
    {
      auto rows = conn.query("SELECT staff_id, pin, generation FROM staff");
      if (!rows) return std::unexpected(rows.error());
      for (std::size_t i = 0; i < rows->size(); ++i) {
        existing[rows->text(i, 0)] = {rows->text(i, 1), rows->integer(i, 2)};
      }
    }
    std::int64_t next = 1;
    {
      auto top = conn.query("SELECT COALESCE(MAX(generation), 0) + 1 FROM staff_hashes");
      if (!top) return std::unexpected(top.error());
      next = std::max<std::int64_t>(top->integer(0, 0), 1);
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
      auto put = conn.query(
          "INSERT INTO staff (staff_id, pin, generation) VALUES (?, ?, ?) "
          "ON CONFLICT (staff_id) DO UPDATE SET pin = excluded.pin, "
          "generation = excluded.generation",
          {pin.staff_id, sql::Bytes{m_cipher->encrypt(pin.pin.reveal(), pin_place(pin.staff_id))},
           next++});
      if (!put) return std::unexpected(put.error());
    }
    for (const auto& [id, row] : existing) {
      if (kept.contains(id)) continue;
      auto drop = conn.query("DELETE FROM staff WHERE staff_id = ?", {id});
      if (!drop) return std::unexpected(drop.error());
    }
    auto stale = conn.query(
        "DELETE FROM staff_hashes WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE "
        "s.staff_id = staff_hashes.staff_id AND s.generation = staff_hashes.generation)");
    if (!stale) return std::unexpected(stale.error());
    return {};
  });
}

}  // namespace server
