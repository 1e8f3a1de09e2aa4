// server::sql on SQLite: one file, WAL, synchronous=FULL, statements prepared once.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <memory>

#include <fmt/core.h>
#include <sqlite3.h>

#include "base/sqlite.h"
#include "server/sql.h"

namespace server::sql {
namespace {

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
          fmt::format("cannot create the database {}: {}", path.string(), std::strerror(errno)));
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
                      file, std::strerror(errno), file));
    }
  }
  return {};
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::filesystem::path path) : m_db(db), m_path(std::move(path)) {}
  ~SqliteConnection() override {
    m_statements.clear();
    sqlite3_close(m_db);
  }
  Engine engine() const override { return Engine::sqlite; }

  std::expected<Rows, std::string> query(std::string_view sql, const Params& params) override {
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
      const std::string text = translate(sql, Engine::sqlite);
      sqlite3_stmt* raw = nullptr;
      const int rc = sqlite3_prepare_v3(m_db, text.c_str(), static_cast<int>(text.size()),
                                        SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
      if (rc != SQLITE_OK) return std::unexpected(fail(rc, "prepare a database query"));
      it = m_statements.emplace(std::string(sql), Prepared(raw)).first;
    }
    sqlite3_stmt* st = it->second.get();
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int at = static_cast<int>(i + 1);
      const Param& p = params[i];
      int rc = SQLITE_OK;
      switch (p.kind) {
        case Param::Kind::null: rc = sqlite3_bind_null(st, at); break;
        case Param::Kind::integer: rc = sqlite3_bind_int64(st, at, p.integer); break;
        case Param::Kind::text:
          rc = sqlite3_bind_text(st, at, p.text.data(), static_cast<int>(p.text.size()),
                                 SQLITE_TRANSIENT);
          break;
        case Param::Kind::bytes:
          rc = sqlite3_bind_blob(st, at, p.text.data(), static_cast<int>(p.text.size()),
                                 SQLITE_TRANSIENT);
          break;
      }
      if (rc != SQLITE_OK) return std::unexpected(fail(rc, "bind a query parameter"));
    }
    Rows rows;
    const int columns = sqlite3_column_count(st);
    for (;;) {
      const int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        std::string why = fail(rc, "run a database query");
        sqlite3_reset(st);
        return std::unexpected(why);
      }
      Rows::Row cells(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(st, c) == SQLITE_NULL) continue;
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(st, c));
        const int size = sqlite3_column_bytes(st, c);
        cells[static_cast<std::size_t>(c)] = std::string(bytes ? bytes : "", size);
      }
      rows.add(std::move(cells));
    }
    sqlite3_reset(st);
    return rows;
  }

  std::expected<void, std::string> script(std::string_view sql) override {
    auto ok = base::sqlite::exec(m_db, translate(sql, Engine::sqlite));
    if (!ok) return std::unexpected(ok.error().describe());
    return {};
  }
  std::expected<void, std::string> begin() override { return script("BEGIN IMMEDIATE"); }
  std::expected<void, std::string> commit() override { return script("COMMIT"); }
  void rollback() override { sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr); }
  std::expected<void, std::string> lock(std::string_view) override { return {}; }

  std::expected<int, std::string> schema_version() override {
    auto v = base::sqlite::query_int(m_db, "PRAGMA user_version");
    if (!v) return std::unexpected(v.error().describe());
    return static_cast<int>(*v);
  }
  std::expected<void, std::string> set_schema_version(int version) override {
    auto ok = script(fmt::format("PRAGMA user_version = {}", version));
    if (!ok) return ok;
    // -wal and -shm exist now; make sure they are as private as the file.
    return make_private(m_path, CreateFile::never);
  }

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
  };
  using Prepared = std::unique_ptr<sqlite3_stmt, Finalize>;
  std::string fail(int rc, std::string_view doing) const {
    return base::sqlite::failure(m_db, rc, doing).describe();
  }

  sqlite3* m_db;
  std::filesystem::path m_path;
  std::map<std::string, Prepared, std::less<>> m_statements;
};

}  // namespace

std::expected<std::unique_ptr<Connection>, std::string> open_sqlite(
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
  auto conn = std::make_unique<SqliteConnection>(raw, path);
  for (const char* sql : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL"}) {
    if (auto ok = conn->script(sql); !ok) {
      return std::unexpected(fmt::format("database {}: {}", path.string(), ok.error()));
    }
  }
  if (auto ok = make_private(path, CreateFile::never); !ok) return std::unexpected(ok.error());
  return conn;
}

}  // namespace server::sql
