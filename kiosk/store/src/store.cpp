// Opening the store: a new database built whole, a damaged one moved aside, read-only opens
// for tools, pragmas, the key check and migrations; and settings.
#include "kiosk/store/store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>

#include <fmt/core.h>

#include "database_file.h"
#include "kiosk/store/schema.h"
#include "store_impl.h"

namespace kiosk::store {
namespace fs = std::filesystem;
namespace {
constexpr std::string_view kKeyCheck = "kiosk key check v1";

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

UnixTime now() {
  return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
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
            unix_ms(now()));
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
                                        UnixTime at) {
  const std::int64_t now = unix_ms(at);
  std::lock_guard lock(m_impl->mutex);
  auto tx = sql::Transaction::begin(m_impl->db);
  if (!tx) return std::unexpected(tx.error());
  if (auto ok = append_audit(m_impl->db, event, detail, now); !ok) return ok;
  return tx->commit();
}

}  // namespace kiosk::store
