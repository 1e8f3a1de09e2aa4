// Opening the store: integrity check, moving a damaged file aside, pragmas, key, migrations.
#include "kiosk/store/store.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <utility>

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

// A connection that can change neither the file nor its -wal: SQLITE_OPEN_READONLY cannot
// checkpoint, and NO_CKPT_ON_CLOSE keeps the last close from trying. (It may build the -shm
// index, which holds no data.) Only for files whose header was checked first: on a 0-byte
// file SQLite deletes the -wal beside it even on a read-only open.
std::expected<void, Error> open_read_only(const fs::path& path, Connection& c) {
  const int rc = sqlite3_open_v2(path.c_str(), &c.db, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(sql::error_from(c.db, rc, "open the database"));
  sqlite3_db_config(c.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  sqlite3_busy_timeout(c.db, 10000);
  return {};
}

// nullopt: the file starts with the SQLite header. Otherwise why it is not a database. Read
// with plain read(2) before SQLite sees the file (see open_read_only).
std::expected<std::optional<std::string>, Error> header_problem(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::unexpected(Error{
        Error::Kind::io,
        fmt::format("cannot read the database {}: {}", path.string(), std::strerror(errno)), ""});
  }
  char header[100];
  const ssize_t got = ::read(fd, header, sizeof header);
  ::close(fd);
  static constexpr std::string_view kMagic{"SQLite format 3\0", 16};
  if (got == 0) return std::optional<std::string>{"it is empty (0 bytes)"};
  if (got < static_cast<ssize_t>(sizeof header) ||
      std::string_view(header, kMagic.size()) != kMagic) {
    return std::optional<std::string>{"it does not begin with the SQLite header"};
  }
  return std::optional<std::string>{};
}

// The message for a file that is not a database, when nothing may be changed.
Error not_a_database(const fs::path& path, std::string_view why) {
  return Error{Error::Kind::damaged,
               fmt::format("{} is not a SQLite database ({}); nothing was changed. If it came "
                           "from a restore, restore it again together with its -wal file; the "
                           "terminal moves such a file aside at its next start and begins a new "
                           "database",
                           path.string(), why),
               ""};
}

// nullopt: sound. A string: what is wrong (the file is damaged). An Error: could not tell.
std::expected<std::optional<std::string>, Error> integrity(sqlite3* db) {
  auto rows = sql::Statement::prepare(db, "PRAGMA integrity_check(20)");
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

std::expected<std::optional<std::string>, Error> probe(const fs::path& path) {
  auto header = header_problem(path);
  if (!header || *header) return header;
  Connection c;
  if (auto ok = open_read_only(path, c); !ok) return std::unexpected(ok.error());
  return integrity(c.db);
}

// Best effort on a damaged file: the highest claim sequence still readable, so the new
// database continues the terminal's sequence instead of starting again at 1.
std::int64_t readable_max_sequence(const fs::path& path) {
  auto header = header_problem(path);
  if (!header || *header) return 0;
  Connection c;
  if (!open_read_only(path, c)) return 0;
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
                                             "aside: {}",
                                             path.string(), ec.message()),
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

std::expected<void, Error> write_key_check(sqlite3* db, const Cipher& cipher) {
  auto insert =
      sql::Statement::prepare(db, "INSERT INTO settings (key, value) VALUES ('key_check', ?)");
  if (!insert) return std::unexpected(insert.error());
  // Stored as hex so the settings table stays text.
  insert->bind(1, to_hex(cipher.encrypt(kKeyCheck, where("settings.value", "key_check"))));
  return insert->run();
}

std::expected<void, Error> verify_key_check(sqlite3* db, const Cipher& cipher,
                                            const fs::path& key_path) {
  auto stored = sql::query_text(db, "SELECT value FROM settings WHERE key = 'key_check'");
  if (!stored) return std::unexpected(stored.error());
  auto plain = cipher.decrypt(from_hex(stored->value_or("")).value_or(""),
                              where("settings.value", "key_check"));
  if (!plain || plain->reveal() != kKeyCheck) {
    return std::unexpected(
        Error{Error::Kind::key,
              fmt::format("the key file {} does not belong to this database; restore the right key "
                          "file (nothing was changed)",
                          key_path.string()),
              "key_check does not decrypt"});
  }
  return {};
}

Error newer_schema(std::int64_t version) {
  return Error{Error::Kind::schema,
               fmt::format("the database was written by a newer kiosk version (schema {}, this "
                           "one knows up to {}); install the newer version (nothing was changed)",
                           version, kSchemaVersion),
               ""};
}

// A new database is built whole (schema, key check) under a temporary name and linked into
// place, so a crash while creating it leaves either no database or a complete one: an empty
// file at the database's name always means something went wrong and is never written to.
void remove_with_sidecars(const fs::path& base) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    fs::path file = base;
    file += suffix;
    ::unlink(file.c_str());
  }
}

// What a creation killed half-way left: "<db>.creating-<pid>" of a process that is gone.
void remove_abandoned_creations(const fs::path& path) {
  const std::string prefix = path.filename().string() + ".creating-";
  const auto dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const long pid = std::strtol(digits.c_str(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      remove_with_sidecars(entry.path());
    }
  }
}

std::expected<void, Error> create_database(const fs::path& path, const Cipher& cipher) {
  remove_abandoned_creations(path);
  fs::path temp = path;
  temp += fmt::format(".creating-{}", ::getpid());
  auto remove_temp = [&] { remove_with_sidecars(temp); };
  remove_temp();
  // Created by us first so that the database, and the -wal and -shm files SQLite gives the
  // same mode, are readable by the kiosk user only.
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return std::unexpected(Error{
        Error::Kind::io,
        fmt::format("cannot create the database {}: {}", path.string(), std::strerror(errno)), ""});
  }
  ::close(fd);
  auto build = [&]() -> std::expected<void, Error> {
    Connection c;
    const int rc = sqlite3_open_v2(temp.c_str(), &c.db, SQLITE_OPEN_READWRITE, nullptr);
    if (rc != SQLITE_OK) return std::unexpected(sql::error_from(c.db, rc, "create the database"));
    for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL"}) {
      if (auto ok = sql::exec(c.db, pragma); !ok) return ok;
    }
    if (auto ok = migrate(c.db, 0, kSchemaVersion, &cipher); !ok) return ok;
    if (auto ok = write_key_check(c.db, cipher); !ok) return ok;
    // The close checkpoints everything into the file; the header keeps WAL mode.
    const int closed = sqlite3_close(c.release());
    if (closed != SQLITE_OK)
      return std::unexpected(sql::error_from(nullptr, closed, "close the new database"));
    return {};
  };
  if (auto ok = build(); !ok) {
    remove_temp();
    return ok;
  }
  // link() fails when another process created the database meanwhile: use theirs.
  if (::link(temp.c_str(), path.c_str()) != 0 && errno != EEXIST) {
    const int err = errno;
    remove_temp();
    return std::unexpected(Error{
        Error::Kind::io,
        fmt::format("cannot create the database {}: {}", path.string(), std::strerror(err)), ""});
  }
  remove_temp();
  const auto dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

// Tools that only look (`store check`, `claims list`): nothing is created, migrated, written
// or checkpointed, and the -wal stays as it is.
std::expected<std::unique_ptr<Store::Impl>, Error> open_for_reading(const StoreOptions& options,
                                                                    const fs::path& key_path) {
  const fs::path& path = options.db_path;
  if (!fs::exists(path)) {
    return std::unexpected(Error{Error::Kind::not_found,
                                 fmt::format("there is no database at {}", path.string()), ""});
  }
  auto header = header_problem(path);
  if (!header) return std::unexpected(header.error());
  if (*header) return std::unexpected(not_a_database(path, **header));
  Connection c;
  if (auto ok = open_read_only(path, c); !ok) return std::unexpected(ok.error());
  auto damage = integrity(c.db);
  if (!damage) return std::unexpected(damage.error());
  if (*damage) {
    return std::unexpected(Error{Error::Kind::damaged,
                                 fmt::format("the database {} is damaged ({}); nothing was "
                                             "changed: keep the file for recovery",
                                             path.string(), **damage),
                                 ""});
  }
  auto version = sql::query_int(c.db, "PRAGMA user_version");
  if (!version) return std::unexpected(version.error());
  if (*version > kSchemaVersion) return std::unexpected(newer_schema(*version));
  if (*version == 0) return std::unexpected(not_a_database(path, "it holds no kiosk schema"));
  if (*version < kSchemaVersion) {
    return std::unexpected(
        Error{Error::Kind::schema,
              fmt::format("the database {} has schema version {} and this tool reads version {}; "
                          "start the terminal once (it upgrades the database), then look again "
                          "(nothing was changed)",
                          path.string(), *version, kSchemaVersion),
              ""});
  }
  auto cipher = Cipher::from_key_file(key_path, CreateKey::never);
  if (!cipher) return std::unexpected(cipher.error());
  if (auto ok = verify_key_check(c.db, *cipher, key_path); !ok) return std::unexpected(ok.error());
  auto impl = std::make_unique<Store::Impl>(c.release(), std::move(*cipher));
  impl->report.schema_before = impl->report.schema_after = static_cast<int>(*version);
  return impl;
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

const OpenReport& Store::open_report() const {
  return m_impl->report;
}

std::expected<Store, Error> Store::open(const StoreOptions& options) {
  OpenReport report;
  fs::path key_path = options.key_path;
  if (key_path.empty()) {
    key_path = options.db_path;
    key_path += ".key";
  }
  if (options.access == Access::read_only) {
    auto impl = open_for_reading(options, key_path);
    if (!impl) return std::unexpected(impl.error());
    return Store(std::move(*impl));
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
    // The key exists before the database that needs it (a crash between the two leaves a
    // key and no database, which the next start uses).
    auto cipher = Cipher::from_key_file(key_path, options.create_key);
    if (!cipher) return std::unexpected(cipher.error());
    if (auto ok = create_database(options.db_path, *cipher); !ok)
      return std::unexpected(ok.error());
    report.created = true;
  }
  Connection c;
  int rc = sqlite3_open_v2(options.db_path.c_str(), &c.db, SQLITE_OPEN_READWRITE, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(sql::error_from(c.db, rc, "open the database"));
  sqlite3_busy_timeout(c.db, 10000);
  auto version = sql::query_int(c.db, "PRAGMA user_version");
  if (!version) return std::unexpected(version.error());
  if (*version > kSchemaVersion) return std::unexpected(newer_schema(*version));
  auto mode = sql::query_text(c.db, "PRAGMA journal_mode = WAL");
  if (!mode) return std::unexpected(mode.error());
  if (mode->value_or("") != "wal") {
    return std::unexpected(Error{Error::Kind::io,
                                 "the database could not be switched to WAL mode; is the file "
                                 "system a local disk?",
                                 mode->value_or("")});
  }
  for (const char* pragma :
       {"PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON", "PRAGMA secure_delete = ON"}) {
    if (auto ok = sql::exec(c.db, pragma); !ok) return std::unexpected(ok.error());
  }
  report.schema_before = report.created ? 0 : static_cast<int>(*version);
  bool had_key_check = false;
  if (*version > 0) {
    auto found = sql::query_int(c.db, "SELECT count(*) FROM settings WHERE key = 'key_check'");
    if (!found) return std::unexpected(found.error());
    had_key_check = *found > 0;
  }
  auto cipher =
      Cipher::from_key_file(key_path, had_key_check ? CreateKey::never : options.create_key);
  if (!cipher) return std::unexpected(cipher.error());
  // The key is checked before any migration: a migration encrypts rows, and with the wrong
  // key it would make them unreadable.
  if (had_key_check) {
    if (auto ok = verify_key_check(c.db, *cipher, key_path); !ok)
      return std::unexpected(ok.error());
  }
  if (*version < kSchemaVersion) {
    if (auto ok = migrate(c.db, static_cast<int>(*version), kSchemaVersion, &*cipher); !ok) {
      return std::unexpected(ok.error());
    }
    // A migration that re-encrypted rows leaves their old plain pages in the -wal.
    if (auto ok = sql::exec(c.db, "PRAGMA wal_checkpoint(TRUNCATE)"); !ok) {
      return std::unexpected(ok.error());
    }
  }
  report.schema_after = kSchemaVersion;
  if (!had_key_check) {
    if (auto ok = write_key_check(c.db, *cipher); !ok) return std::unexpected(ok.error());
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
    if (auto ok = append_audit(
            impl->db, "damaged_database_moved_aside",
            fmt::format("{} ({})", report.moved_aside->filename().string(), report.damage),
            now_ms());
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
  auto statement = sql::Statement::prepare(m_impl->db,
                                           "INSERT INTO settings (key, value) VALUES (?, ?) ON "
                                           "CONFLICT (key) DO UPDATE SET value = excluded.value");
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
