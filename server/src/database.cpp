#include "server/database.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <set>

#include <fmt/chrono.h>
#include <fmt/core.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "base/sha256.h"
#include "base/sqlite.h"
#include "kiosk/store/crypto.h"
#include "server/claims.h"
#include "server/demo_data.h"
#include "server/rules_json.h"
#include "server/staff_pins.h"

#include "database_rows.h"

namespace server {
using namespace rows;
namespace {
using kiosk::store::Cipher;
using nlohmann::json;

std::string errno_text(int err) {
  return std::strerror(err);
}

enum class CreateFile { if_missing, never };

// The database file is made 0600 before SQLite opens it; SQLite gives -wal and -shm the
// main file's mode. Files left by an older version are tightened too. Once SQLite has the
// file open this must not open it (`never`): closing any descriptor of the file drops the
// process's POSIX locks, and another process would then take its WAL for unused and reset it.
std::expected<void, std::string> make_private(const std::filesystem::path& path,
                                              CreateFile create) {
  if (create == CreateFile::if_missing) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
      return std::unexpected(
          fmt::format("cannot create the database {}: {}", path.string(), errno_text(errno)));
    }
    ::close(fd);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::string file = path.string() + suffix;
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) continue;
    if ((st.st_mode & 0077) != 0 && ::chmod(file.c_str(), 0600) != 0) {
      return std::unexpected(
          fmt::format("{} may be read by other users and cannot be made "
                      "private ({}); run `chmod 600 {}`",
                      file, errno_text(errno), file));
    }
  }
  return {};
}
}  // namespace

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
  if (auto ok = make_private(path, CreateFile::if_missing); !ok) {
    return std::unexpected(ok.error());
  }
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    return std::unexpected(fmt::format("cannot open database {}: {}", path.string(), why));
  }
  sqlite3_busy_timeout(raw, 5000);
  int version = -1;
  {
    auto st = Statement::prepare(raw, "PRAGMA user_version");
    if (st && st->step().value_or(false)) version = static_cast<int>(st->column_int(0));
  }
  if (version < 0 || version > kSchemaVersion) {
    sqlite3_close(raw);
    return std::unexpected(fmt::format(
        "database {} is not a kiosk-central database of version 0 to {} (it says {}); it may "
        "have been written by a newer kiosk-central: run that version, or restore a backup",
        path.string(), kSchemaVersion, version));
  }
  // A database that already holds sealed data must not get a fresh key: that key would
  // open nothing, and new rows would be sealed under it.
  const std::filesystem::path key_path = path.string() + ".key";
  auto cipher = Cipher::from_key_file(key_path, version == kSchemaVersion
                                                    ? kiosk::store::CreateKey::never
                                                    : kiosk::store::CreateKey::if_missing);
  if (!cipher) {
    sqlite3_close(raw);
    return std::unexpected(fmt::format("database {}: {}", path.string(), cipher.error().message));
  }
  std::unique_ptr<Database> db(new Database(raw, std::make_unique<Cipher>(std::move(*cipher))));
  for (const char* sql : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL"}) {
    if (auto ok = db->exec(sql); !ok) {
      return std::unexpected(fmt::format("database {}: {}", path.string(), ok.error()));
    }
  }
  std::expected<void, std::string> ready;
  if (version == 1) {
    ready = db->migrate_from_plain();
  } else if (version == 0) {
    ready = in_transaction(raw, [&]() -> std::expected<void, std::string> {
      if (auto ok = db->exec(kSchema); !ok) return ok;
      return db->exec("PRAGMA user_version = 2");
    });
  }
  if (!ready) return std::unexpected(fmt::format("database {}: {}", path.string(), ready.error()));
  // -wal and -shm exist now; make sure they are as private as the file.
  if (auto ok = make_private(path, CreateFile::never); !ok) return std::unexpected(ok.error());
  auto demo = Statement::prepare(raw, "SELECT value FROM settings WHERE key = 'demo_settlements'");
  db->m_demo_settlements = demo && demo->step().value_or(false) && demo->column_text(0) == "1";
  return db;
}

Database::Database(sqlite3* db, std::unique_ptr<Cipher> cipher)
    : m_db(db), m_cipher(std::move(cipher)) {}

Database::~Database() {
  sqlite3_close(m_db);
}

std::expected<void, std::string> Database::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message ? message : "unknown SQLite error";
    sqlite3_free(message);
    return std::unexpected(why);
  }
  return {};
}

std::expected<void, std::string> Database::put_heartbeat(const std::string& terminal_id,
                                                         const std::string& body) {
  std::lock_guard lock(m_mutex);
  return run(m_db,
             "INSERT OR REPLACE INTO heartbeats (terminal_id, body, received_at) "
             "VALUES (?, ?, ?)",
             [&](Statement& st) { st.bind(1, terminal_id).bind(2, body).bind(3, now_rfc3339()); });
}

std::expected<void, std::string> Database::enable_demo_settlements() {
  std::lock_guard lock(m_mutex);
  if (auto ok = exec("INSERT OR REPLACE INTO settings (key, value) VALUES "
                     "('demo_settlements', '1')");
      !ok) {
    return ok;
  }
  m_demo_settlements = true;
  return {};
}

}  // namespace server
