#pragma once
// A thin RAII layer over the SQLite C API, one for the whole tree (the kiosk's store and
// kiosk-central): prepared statements with bind/step/column, one-shot queries, and a
// transaction guard that rolls back unless committed. Failures are values (Failure) that each
// library turns into its own error type.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace base::sqlite {

// What SQLite refused: its result code, what we were doing, and SQLite's own words.
struct Failure {
  int code = SQLITE_ERROR;  // the (extended) result code
  std::string doing;        // "prepare a database query", "save to the database", ...
  std::string detail;       // "sqlite rc=19 (constraint failed): UNIQUE constraint failed: ..."
  int primary() const { return code & 0xFF; }
  // "could not <doing>: <detail>", for callers whose errors are plain text.
  std::string describe() const;
};

// A Failure for the connection's last failure (DB may be null: no connection yet).
Failure failure(sqlite3* db, int rc, std::string_view doing);

class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept
      : m_db(other.m_db), m_stmt(other.m_stmt), m_bind_rc(other.m_bind_rc) {
    other.m_stmt = nullptr;
  }
  Statement& operator=(Statement&& other) noexcept;
  ~Statement() { sqlite3_finalize(m_stmt); }

  static std::expected<Statement, Failure> prepare(sqlite3* db, std::string_view sql);

  // Parameters are 1-based like SQLite's. A failed bind is reported by the next step().
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  Statement& bind_opt(int index, const std::optional<std::string>& text);

  // Ready to bind and run again.
  void reset();
  // true: a row is ready; false: done.
  std::expected<bool, Failure> step();
  // Runs to completion, expecting no rows.
  std::expected<void, Failure> run();

  std::int64_t column_int(int index) const { return sqlite3_column_int64(m_stmt, index); }
  std::string column_text(int index) const;
  std::string column_blob(int index) const;
  bool column_null(int index) const { return sqlite3_column_type(m_stmt, index) == SQLITE_NULL; }
  std::optional<std::string> column_opt_text(int index) const;

 private:
  sqlite3* m_db = nullptr;
  sqlite3_stmt* m_stmt = nullptr;
  int m_bind_rc = SQLITE_OK;
};

// Runs one or more statements without parameters.
std::expected<void, Failure> exec(sqlite3* db, std::string_view sql);
// The first column of the first row as text; nullopt when there is no row (or it is NULL).
std::expected<std::optional<std::string>, Failure> query_text(sqlite3* db, std::string_view sql);
// The first column of the first row as an integer; 0 when there is no row.
std::expected<std::int64_t, Failure> query_int(sqlite3* db, std::string_view sql);

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() succeeded.
class Transaction {
 public:
  static std::expected<Transaction, Failure> begin(sqlite3* db);
  Transaction(Transaction&& other) noexcept : m_db(other.m_db) { other.m_db = nullptr; }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  std::expected<void, Failure> commit();

 private:
  explicit Transaction(sqlite3* db) : m_db(db) {}
  sqlite3* m_db = nullptr;
};

}  // namespace base::sqlite
