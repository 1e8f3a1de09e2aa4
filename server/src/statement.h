#pragma once
// A prepared SQLite statement that finalises itself; binds by position, reads by column.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace server {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : m_db(db) {
    m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr);
  }
  ~Statement() { sqlite3_finalize(m_stmt); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return m_rc == SQLITE_OK; }
  std::string error() const { return sqlite3_errmsg(m_db); }

  Statement& bind(int index, std::string_view text) {
    sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
  }
  Statement& bind_blob(int index, std::string_view bytes) {
    sqlite3_bind_blob(m_stmt, index, bytes.data(), static_cast<int>(bytes.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind_optional(int index, const std::optional<std::string>& text) {
    if (text) return bind(index, std::string_view(*text));
    sqlite3_bind_null(m_stmt, index);
    return *this;
  }
  // Ready to bind and step again.
  void reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(m_stmt); }

  std::string text(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    return p == nullptr ? std::string{} : std::string(reinterpret_cast<const char*>(p));
  }
  std::string blob(int column) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    return p == nullptr
               ? std::string{}
               : std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
  }
  std::optional<std::string> optional_text(int column) const {
    if (sqlite3_column_type(m_stmt, column) == SQLITE_NULL) return std::nullopt;
    return text(column);
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt = nullptr;
  int m_rc;
};

}  // namespace server
