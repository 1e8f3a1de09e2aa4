#pragma once
// The small interface kiosk-central's store talks to, with two engines behind it: SQLite (the
// embedded default: the demo, a small centre) and PostgreSQL (a city: several kiosk-central
// processes on one database). The store's SQL is written once with `?` placeholders and a few
// {tokens} for the words the engines spell differently ({blob}, {serial}, {seq}, {seq_column});
// each engine translates. Values cross as text, integers or bytes; results come back as
// text cells (bytes decoded), so nothing above this file knows which engine runs.
//
// Not here: what the tables mean (database_rows.h), pooling policy beyond "one connection per
// caller at a time".
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace server::sql {

enum class Engine { sqlite, postgresql };

// Bytes for a BLOB / bytea column (sealed values).
struct Bytes {
  std::string data;
};

struct Param {
  enum class Kind { null, integer, text, bytes };
  Kind kind = Kind::null;
  std::int64_t integer = 0;
  std::string text;  // text, or the bytes

  Param() = default;
  Param(std::nullptr_t) {}
  Param(std::int64_t value) : kind(Kind::integer), integer(value) {}
  Param(int value) : kind(Kind::integer), integer(value) {}
  Param(std::string value) : kind(Kind::text), text(std::move(value)) {}
  Param(std::string_view value) : kind(Kind::text), text(value) {}
  Param(const char* value) : kind(Kind::text), text(value) {}
  Param(const std::optional<std::string>& value)
      : kind(value ? Kind::text : Kind::null), text(value.value_or("")) {}
  Param(Bytes value) : kind(Kind::bytes), text(std::move(value.data)) {}
};
using Params = std::vector<Param>;

// A result: rows of cells, each NULL or the value as text (integers in decimal, bytes raw).
class Rows {
 public:
  using Row = std::vector<std::optional<std::string>>;
  void add(Row row) { m_rows.push_back(std::move(row)); }
  std::size_t size() const { return m_rows.size(); }
  bool empty() const { return m_rows.empty(); }
  bool is_null(std::size_t row, std::size_t col) const { return !m_rows[row][col]; }
  std::string text(std::size_t row, std::size_t col) const { return m_rows[row][col].value_or(""); }
  std::optional<std::string> opt_text(std::size_t row, std::size_t col) const {
    return m_rows[row][col];
  }
  std::int64_t integer(std::size_t row, std::size_t col) const;

 private:
  std::vector<Row> m_rows;
};

// One connection; used by one thread at a time (the Pool sees to that).
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;
  // One statement with `?` placeholders; rows for a SELECT or a RETURNING clause.
  virtual std::expected<Rows, std::string> query(std::string_view sql,
                                                 const Params& params = {}) = 0;
  // Several statements without parameters (migrations).
  virtual std::expected<void, std::string> script(std::string_view sql) = 0;
  // SQLite: BEGIN IMMEDIATE (one writer at a time across processes). PostgreSQL: BEGIN
  // (READ COMMITTED); writers of one member serialise through lock().
  virtual std::expected<void, std::string> begin() = 0;
  virtual std::expected<void, std::string> commit() = 0;
  virtual void rollback() = 0;
  // Inside a transaction: waits until no other transaction, in any process, holds NAME, and
  // holds it until this one ends. SQLite's BEGIN IMMEDIATE already excludes every other
  // writer, so there it does nothing.
  virtual std::expected<void, std::string> lock(std::string_view name) = 0;
  // The schema version the database says it has (0: new and empty).
  virtual std::expected<int, std::string> schema_version() = 0;
  virtual std::expected<void, std::string> set_schema_version(int version) = 0;
};

// What `--db` names: "sqlite:PATH" (or a bare path) or "postgresql://..." / "postgres://...".
struct Target {
  Engine engine = Engine::sqlite;
  std::string location;  // the SQLite file, or the libpq connection URI
};
std::expected<Target, std::string> parse_target(std::string_view text);

// SQLite: the file is made 0600 before it is opened; WAL with synchronous=FULL.
std::expected<std::unique_ptr<Connection>, std::string> open_sqlite(
    const std::filesystem::path& path);
// PostgreSQL through libpq; the error carries libpq's reason and what to check.
std::expected<std::unique_ptr<Connection>, std::string> open_postgresql(const std::string& uri);

// Up to `size` connections to one target, opened when first needed; acquire() waits for a
// free one. SQLite gets one connection: its writers serialise anyway, and one connection
// keeps the file's POSIX locks in one place (database.cpp says why that matters).
class Pool {
 public:
  static std::expected<std::unique_ptr<Pool>, std::string> open(const Target& target,
                                                                std::size_t size);
  ~Pool();
  Engine engine() const { return m_target.engine; }

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> conn) : m_pool(&pool), m_conn(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const { return *m_conn; }
    Connection* operator->() const { return m_conn.get(); }

   private:
    Pool* m_pool;
    std::unique_ptr<Connection> m_conn;
  };
  std::expected<Lease, std::string> acquire();

 private:
  explicit Pool(Target target, std::size_t size) : m_target(std::move(target)), m_size(size) {}
  void give_back(std::unique_ptr<Connection> conn);
  Target m_target;
  std::size_t m_size;
  std::size_t m_open = 0;
  std::vector<std::unique_ptr<Connection>> m_idle;
  std::mutex m_mutex;
  std::condition_variable m_freed;
};

// Runs WORK between begin() and commit(), rolling back when it or the commit fails.
std::expected<void, std::string> in_transaction(
    Connection& conn, const std::function<std::expected<void, std::string>()>& work);

// The SQL as ENGINE spells it: {tokens} replaced, and for PostgreSQL `?` -> $1, $2, ...
// (not inside quoted text).
std::string translate(std::string_view sql, Engine engine);

}  // namespace server::sql
