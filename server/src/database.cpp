// server::Database: opening either engine, the migrations, heartbeats and the fleet view.
#include "server/database.h"

#include <chrono>

#include <fmt/chrono.h>
#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include "kiosk/store/crypto.h"

#include "database_rows.h"

namespace server {
using namespace rows;
using kiosk::store::Cipher;

nlohmann::json to_json(const ClaimRecord& r) {
  return {{"claim_uuid", r.idempotency_key},
          {"terminal_id", r.terminal_id},
          {"status", r.status},
          {"reason", r.reason ? nlohmann::json(*r.reason) : nlohmann::json(nullptr)},
          {"received_at", r.received_at},
          {"updated_at", r.updated_at}};
}

std::string now_rfc3339() {
  using namespace std::chrono;
  const auto china = floor<seconds>(system_clock::now()) + hours(8);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}+08:00", china);
}

std::expected<std::unique_ptr<Database>, std::string> Database::open(
    const std::filesystem::path& path) {
  return open(StorageOptions{"sqlite:" + path.string(), {}, 1});
}

std::expected<std::unique_ptr<Database>, std::string> Database::open(
    const StorageOptions& options) {
  auto target = sql::parse_target(options.db);
  if (!target) return std::unexpected(target.error());
  const std::string name =
      target->engine == sql::Engine::sqlite ? target->location : std::string("on PostgreSQL");
  std::filesystem::path key_path = options.key_file;
  if (key_path.empty()) {
    if (target->engine != sql::Engine::sqlite) {
      return std::unexpected(std::string(
          "a PostgreSQL database needs --key PATH: the file with the key that seals personal "
          "data (every kiosk-central on the database uses the same file)"));
    }
    key_path = target->location + ".key";
  }
  auto pool = sql::Pool::open(*target, options.connections);
  if (!pool) return std::unexpected(pool.error());
  int version = -1;
  {
    auto conn = (*pool)->acquire();
    if (!conn) return std::unexpected(conn.error());
    auto v = (*conn)->schema_version();
    if (!v) return std::unexpected(fmt::format("database {}: {}", name, v.error()));
    version = *v;
  }
  if (version < 0 || version > kSchemaVersion) {
    return std::unexpected(fmt::format(
        "database {} is not a kiosk-central database of version 0 to {} (it says {}); it may "
        "have been written by a newer kiosk-central: run that version, or restore a backup",
        name, kSchemaVersion, version));
  }
  // A database that already holds sealed data must not get a fresh key: that key would
  // open nothing, and new rows would be sealed under it.
  auto cipher = Cipher::from_key_file(key_path, version >= 2 ? kiosk::store::CreateKey::never
                                                             : kiosk::store::CreateKey::if_missing);
  if (!cipher) return std::unexpected(fmt::format("database {}: {}", name, cipher.error().message));
  std::unique_ptr<Database> db(
      new Database(std::move(*pool), std::make_unique<Cipher>(std::move(*cipher))));
  auto conn = db->m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  if (auto ok = db->migrate(**conn, version); !ok) {
    return std::unexpected(fmt::format("database {}: {}", name, ok.error()));
  }
  auto demo = (*conn)->query("SELECT value FROM settings WHERE key = 'demo_settlements'");
  db->m_demo_settlements = demo && !demo->empty() && demo->text(0, 0) == "1";
  if (options.group_commit == GroupCommit::on) {
    Database* self = db.get();
    db->m_writer = std::make_unique<ClaimWriter>(
        [self](const std::vector<ClaimSubmission>& batch) { return self->submit_claims(batch); },
        options.max_batch,
        // SQLite has one connection; on PostgreSQL half the pool writes claims, which leaves
        // the rest to lookups, heartbeats and config pulls.
        db->engine() == sql::Engine::sqlite ? 1
                                            : std::max<std::size_t>(options.connections / 2, 1));
  }
  return db;
}

// Every step runs in one transaction that holds the "schema" lock, so two kiosk-central
// processes starting on one new PostgreSQL database do not both create it.
std::expected<void, std::string> Database::migrate(sql::Connection& conn, int version) {
  if (version == 1) {
    if (auto ok = migrate_from_plain(conn); !ok) return ok;
  }
  return sql::in_transaction(conn, [&]() -> std::expected<void, std::string> {
    if (auto ok = conn.lock("kiosk-central schema"); !ok) return ok;
    auto now = conn.schema_version();
    if (!now) return std::unexpected(now.error());
    if (*now == 0) {
      if (auto ok = conn.script(kSchema); !ok) return ok;
      *now = 2;
    }
    if (*now == 2) {
      if (auto ok = conn.script(kMigration3); !ok) {
        return std::unexpected(fmt::format("migrating to version 3: {}", ok.error()));
      }
      *now = 3;
    }
    if (*now == 3) {
      if (auto ok = conn.script(kMigration4); !ok) {
        return std::unexpected(fmt::format("migrating to version 4: {}", ok.error()));
      }
      *now = 4;
    }
    return conn.set_schema_version(*now);
  });
}

Database::Database(std::unique_ptr<sql::Pool> pool, std::unique_ptr<Cipher> cipher)
    : m_pool(std::move(pool)), m_cipher(std::move(cipher)) {}

Database::~Database() = default;

std::expected<void, std::string> Database::put_heartbeat(const std::string& terminal_id,
                                                         const std::string& body,
                                                         const std::string& centre) {
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  auto ok = (*conn)->query(
      "INSERT INTO heartbeats (terminal_id, body, received_at, centre) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (terminal_id) DO UPDATE SET body = excluded.body, "
      "received_at = excluded.received_at, centre = excluded.centre",
      {terminal_id, body, now_rfc3339(), centre});
  if (!ok) return std::unexpected(ok.error());
  return {};
}

std::expected<std::vector<FleetEntry>, std::string> Database::fleet(const std::string& centre) {
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  auto rows = (*conn)->query(
      "SELECT terminal_id, centre, received_at, body FROM heartbeats "
      "WHERE ? = '' OR centre = ? ORDER BY centre, terminal_id",
      {centre, centre});
  if (!rows) return std::unexpected(rows.error());
  std::vector<FleetEntry> out;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    out.push_back({rows->text(i, 0), rows->text(i, 1), rows->text(i, 2),
                   nlohmann::json::parse(rows->text(i, 3), nullptr, false)});
  }
  return out;
}

std::expected<void, std::string> Database::enable_demo_settlements() {
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  auto ok = (*conn)->query(
      "INSERT INTO settings (key, value) VALUES ('demo_settlements', '1') "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!ok) return std::unexpected(ok.error());
  m_demo_settlements = true;
  return {};
}

}  // namespace server
