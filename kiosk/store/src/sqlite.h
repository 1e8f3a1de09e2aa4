#pragma once
// A thin RAII layer over the SQLite C API for this library's own use: a connection, prepared
// statements with bind/step/column, and a transaction guard that rolls back unless committed.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "kiosk/store/error.h"

namespace kiosk::store::sql {

// An Error for the connection's last failure; `what` says what we were doing.
Error error_from(sqlite3* db, int rc, std::string_view what);

class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) {
    other.m_stmt = nullptr;
  }
  ~Statement() { sqlite3_finalize(m_stmt); }

  static std::expected<Statement, Error> prepare(sqlite3* db, std::string_view sql);

  // Parameters are 1-based like SQLite's.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  Statement& bind_opt(int index, const std::optional<std::string>& text);

  // Ready to bind and run again.
  void reset();
  // true: a row is ready; false: done.
  std::expected<bool, Error> step();
  // Runs to completion, expecting no rows.
  std::expected<void, Error> run();

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
std::expected<void, Error> exec(sqlite3* db, std::string_view sql);
// The first column of the first row as text; nullopt when there is no row.
std::expected<std::optional<std::string>, Error> query_text(sqlite3* db, std::string_view sql);
std::expected<std::int64_t, Error> query_int(sqlite3* db, std::string_view sql);

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() succeeded.
class Transaction {
 public:
  static std::expected<Transaction, Error> begin(sqlite3* db);
  Transaction(Transaction&& other) noexcept : m_db(other.m_db) { other.m_db = nullptr; }
  Transaction(const Transaction&) = delete;
  ~Transaction();
  std::expected<void, Error> commit();

 private:
  explicit Transaction(sqlite3* db) : m_db(db) {}
  sqlite3* m_db = nullptr;
};

}  // namespace kiosk::store::sql
