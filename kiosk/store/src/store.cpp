// Opening the store: integrity check, moving a damaged file aside, pragmas, key, migrations.
#include "kiosk/store/store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>
#include <system_error>

#include <fmt/core.h>

#include "kiosk/core/date.h"
#include "kiosk/store/schema.h"
#include "store_impl.h"

namespace kiosk::store {
namespace fs = std::filesystem;
namespace {
constexpr std::string_view kKeyCheck = "kiosk key check v1";

struct Connection {
  sqlite3* db = nullptr;
  ~Connection() { sqlite3_close_v2(db); }
  sqlite3* release() { return std::exchange(db, nullptr); }
};

// nullopt: sound. A string: what is wrong (the file is damaged). An Error: could not tell.
std::expected<std::optional<std::string>, Error> probe(const fs::path& path) {
  Connection c;
  int rc = sqlite3_open_v2(path.c_str(), &c.db, SQLITE_OPEN_READWRITE, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(sql::error_from(c.db, rc, "open the database"));
  sqlite3_busy_timeout(c.db, 10000);
  auto rows = sql::Statement::prepare(c.db, "PRAGMA integrity_check(20)");
  std::vector<std::string> lines;
  if (rows) {
    for (;;) {
      auto row = rows->step();
      if (!row) {
        if (row.error().kind == Error::Kind::damaged) return row.error().detail;
        return std::unexpected(row.error());
      }
      if (!*row) break;
      lines.push_back(rows->column_text(0));
    }
  } else if (rows.error().kind == Error::Kind::damaged) {
    return rows.error().detail;
  } else {
    return std::unexpected(rows.error());
  }
  if (lines.size() == 1 && lines[0] == "ok") return std::optional<std::string>{};
  std::string joined;
  for (const auto& line : lines) joined += (joined.empty() ? "" : "; ") + line;
  return joined;
}

// Best effort on a damaged file: the highest claim sequence still readable, so the new
// database continues the terminal's sequence instead of starting again at 1.
std::int64_t readable_max_sequence(const fs::path& path) {
  Connection c;
  if (sqlite3_open_v2(path.c_str(), &c.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return 0;
  auto max = sql::query_int(c.db, "SELECT coalesce(max(sequence), 0) FROM claims");
  return max ? *max : 0;
}

std::expected<fs::path, Error> move_aside(const fs::path& path) {
  const auto stamp = core::format_rfc3339_cst(std::chrono::system_clock::now()).substr(0, 19);
  std::string compact;
  for (char c : stamp) {
    if (c != '-' && c != ':') compact.push_back(c);
  }
  fs::path target = path;
  target += ".damaged-" + compact;
  for (int n = 2; fs::exists(target); ++n) {
    target = path;
    target += fmt::format(".damaged-{}-{}", compact, n);
  }
  std::error_code ec;
  fs::rename(path, target, ec);
  if (ec) {
    return std::unexpected(Error{Error::Kind::io,
                                 fmt::format("the database {} is damaged and could not be moved "
                                             "aside: {}", path.string(), ec.message()),
                                 ""});
  }
  for (const char* suffix : {"-wal", "-shm"}) {
    fs::path side = path;
    side += suffix;
    fs::path side_target = target;
    side_target += suffix;
    if (fs::exists(side)) fs::rename(side, side_target, ec);
  }
  return target;
}

std::expected<void, Error> check_key(sqlite3* db, const Cipher& cipher, bool had_key_check,
                                     const fs::path& key_path) {
  const std::string place = where("settings.value", "key_check");
  if (!had_key_check) {
    auto insert = sql::Statement::prepare(db, "INSERT INTO settings (key, value) VALUES ('key_check', ?)");
    if (!insert) return std::unexpected(insert.error());
    // Stored as hex so the settings table stays text.
    insert->bind(1, to_hex(cipher.encrypt(kKeyCheck, place)));
    return insert->run();
  }
  auto stored = sql::query_text(db, "SELECT value FROM settings WHERE key = 'key_check'");
  if (!stored) return std::unexpected(stored.error());
  auto plain = cipher.decrypt(from_hex(stored->value_or("")).value_or(""), place);
  if (!plain || plain->reveal() != kKeyCheck) {
    return std::unexpected(Error{
        Error::Kind::key,
        fmt::format("the key file {} does not belong to this database; restore the right key "
                    "file (nothing was changed)", key_path.string()),
        "key_check does not decrypt"});
  }
  return {};
}
}  // namespace

const char* to_string(Error::Kind kind) {
  switch (kind) {
    case Error::Kind::io: return "io";
    case Error::Kind::damaged: return "damaged";
    case Error::Kind::key: return "key";
    case Error::Kind::schema: return "schema";
    case Error::Kind::invalid: return "invalid";
    case Error::Kind::not_found: return "not_found";
    case Error::Kind::wrong_state: return "wrong_state";
    case Error::Kind::busy: return "busy";
  }
  return "io";
}

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const OpenReport& Store::open_report() const { return m_impl->report; }

std::expected<Store, Error> Store::open(const StoreOptions& options) {
  OpenReport report;
  fs::path key_path = options.key_path;
  if (key_path.empty()) {
    key_path = options.db_path;
    key_path += ".key";
  }
  if (fs::exists(options.db_path)) {
    auto damage = probe(options.db_path);
    if (!damage) return std::unexpected(damage.error());
    if (*damage && options.on_damage == OnDamage::fail) {
      return std::unexpected(Error{Error::Kind::damaged,
                                   fmt::format("the database {} is damaged ({}); the terminal "
                                               "moves it aside at its next start and begins a "
                                               "new one: keep the file for recovery",
                                               options.db_path.string(), **damage),
                                   ""});
    }
    if (*damage) {
      report.sequence_floor = readable_max_sequence(options.db_path);
      auto moved = move_aside(options.db_path);
      if (!moved) return std::unexpected(moved.error());
      report.moved_aside = *moved;
      report.damage = **damage;
    }
  }

  if (!fs::exists(options.db_path)) {
    // Created by us first so that the database, and the -wal and -shm files SQLite gives the
    // same mode, are readable by the kiosk user only.
    const int fd = ::open(options.db_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
      return std::unexpected(Error{Error::Kind::io,
                                   fmt::format("cannot create the database {}: {}",
                                               options.db_path.string(), std::strerror(errno)),
                                   ""});
    }
    if (fd >= 0) ::close(fd);
  }
  Connection c;
  int rc = sqlite3_open_v2(options.db_path.c_str(), &c.db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(sql::error_from(c.db, rc, "open the database"));
  sqlite3_busy_timeout(c.db, 10000);
  auto mode = sql::query_text(c.db, "PRAGMA journal_mode = WAL");
  if (!mode) return std::unexpected(mode.error());
  if (mode->value_or("") != "wal") {
    return std::unexpected(Error{Error::Kind::io,
                                 "the database could not be switched to WAL mode; is the file "
                                 "system a local disk?",
                                 mode->value_or("")});
  }
  for (const char* pragma : {"PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
                             "PRAGMA secure_delete = ON"}) {
    if (auto ok = sql::exec(c.db, pragma); !ok) return std::unexpected(ok.error());
  }
  auto version = sql::query_int(c.db, "PRAGMA user_version");
  if (!version) return std::unexpected(version.error());
  if (*version > kSchemaVersion) {
    return std::unexpected(Error{
        Error::Kind::schema,
        fmt::format("the database was written by a newer kiosk version (schema {}, this one "
                    "knows up to {}); install the newer version (nothing was changed)",
                    *version, kSchemaVersion),
        ""});
  }
  report.schema_before = static_cast<int>(*version);
  report.created = *version == 0;
  bool had_key_check = false;
  if (*version > 0) {
    auto found = sql::query_int(c.db, "SELECT count(*) FROM settings WHERE key = 'key_check'");
    if (!found) return std::unexpected(found.error());
    had_key_check = *found > 0;
  }
  auto cipher = Cipher::from_key_file(key_path, had_key_check ? CreateKey::never : options.create_key);
  if (!cipher) return std::unexpected(cipher.error());
  if (auto ok = migrate(c.db, static_cast<int>(*version), kSchemaVersion); !ok) {
    return std::unexpected(ok.error());
  }
  report.schema_after = kSchemaVersion;
  if (auto ok = check_key(c.db, *cipher, had_key_check, key_path); !ok) {
    return std::unexpected(ok.error());
  }
  if (report.sequence_floor > 0) {
    auto floor = sql::Statement::prepare(
        c.db, "INSERT OR REPLACE INTO settings (key, value) VALUES ('sequence_floor', ?)");
    if (!floor) return std::unexpected(floor.error());
    floor->bind(1, std::to_string(report.sequence_floor));
    if (auto ok = floor->run(); !ok) return std::unexpected(ok.error());
  }
  auto impl = std::make_unique<Impl>(c.release(), std::move(*cipher));
  impl->report = report;
  if (report.moved_aside) {
    if (auto ok = append_audit(impl->db, "damaged_database_moved_aside",
                               report.moved_aside->filename().string(), now_ms());
        !ok) {
      return std::unexpected(ok.error());
    }
  }
  return Store(std::move(impl));
}

std::expected<std::optional<std::string>, Error> Store::setting(std::string_view key) {
  std::lock_guard lock(m_impl->mutex);
  auto statement = sql::Statement::prepare(m_impl->db, "SELECT value FROM settings WHERE key = ?");
  if (!statement) return std::unexpected(statement.error());
  statement->bind(1, key);
  auto row = statement->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::string>{};
  return statement->column_opt_text(0);
}

std::expected<void, Error> Store::set_setting(std::string_view key, std::string_view value) {
  std::lock_guard lock(m_impl->mutex);
  if (key == "key_check") {
    return std::unexpected(Error{Error::Kind::invalid, "the setting key_check is reserved", ""});
  }
  auto statement = sql::Statement::prepare(
      m_impl->db,
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!statement) return std::unexpected(statement.error());
  statement->bind(1, key).bind(2, value);
  return statement->run();
}

std::expected<void, Error> Store::audit(std::string_view event, std::string_view detail,
                                        std::int64_t now) {
  std::lock_guard lock(m_impl->mutex);
  auto tx = sql::Transaction::begin(m_impl->db);
  if (!tx) return std::unexpected(tx.error());
  if (auto ok = append_audit(m_impl->db, event, detail, now); !ok) return ok;
  return tx->commit();
}

}  // namespace kiosk::store
