#include "base/sqlite.h"

#include <string>

namespace base::sqlite {

std::string Failure::describe() const {
  return "could not " + doing + ": " + detail;
}

Failure failure(sqlite3* db, int rc, std::string_view doing) {
  std::string detail = "sqlite rc=" + std::to_string(rc) + " (" + sqlite3_errstr(rc) + "): ";
  detail += db != nullptr ? sqlite3_errmsg(db) : "no connection";
  return Failure{rc, std::string(doing), std::move(detail)};
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(m_stmt);
    m_db = other.m_db;
    m_stmt = other.m_stmt;
    m_bind_rc = other.m_bind_rc;
    other.m_stmt = nullptr;
  }
  return *this;
}

std::expected<Statement, Failure> Statement::prepare(sqlite3* db, std::string_view sql) {
  Statement statement;
  statement.m_db = db;
  const int rc =
      sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement.m_stmt, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(failure(db, rc, "prepare a database query"));
  return statement;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (m_bind_rc == SQLITE_OK) m_bind_rc = sqlite3_bind_int64(m_stmt, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (m_bind_rc == SQLITE_OK) {
    m_bind_rc =
        sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  if (m_bind_rc == SQLITE_OK) {
    m_bind_rc = sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (m_bind_rc == SQLITE_OK) m_bind_rc = sqlite3_bind_null(m_stmt, index);
  return *this;
}

Statement& Statement::bind_opt(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
  m_bind_rc = SQLITE_OK;
}

std::expected<bool, Failure> Statement::step() {
  if (m_bind_rc != SQLITE_OK) return std::unexpected(failure(m_db, m_bind_rc, "bind a value"));
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return std::unexpected(failure(m_db, rc, "run a database statement"));
}

std::expected<void, Failure> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
  }
}

std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(m_stmt, index);
  const int size = sqlite3_column_bytes(m_stmt, index);
  return text == nullptr ? std::string{} : std::string(reinterpret_cast<const char*>(text), size);
}

std::string Statement::column_blob(int index) const {
  const void* data = sqlite3_column_blob(m_stmt, index);
  const int size = sqlite3_column_bytes(m_stmt, index);
  return data == nullptr ? std::string{} : std::string(static_cast<const char*>(data), size);
}

std::optional<std::string> Statement::column_opt_text(int index) const {
  if (column_null(index)) return std::nullopt;
  return column_text(index);
}

std::expected<void, Failure> exec(sqlite3* db, std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) return std::unexpected(failure(db, rc, "update the database"));
  return {};
}

std::expected<std::optional<std::string>, Failure> query_text(sqlite3* db, std::string_view sql) {
  auto statement = Statement::prepare(db, sql);
  if (!statement) return std::unexpected(statement.error());
  auto row = statement->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::string>{};
  return statement->column_opt_text(0);
}

std::expected<std::int64_t, Failure> query_int(sqlite3* db, std::string_view sql) {
  auto statement = Statement::prepare(db, sql);
  if (!statement) return std::unexpected(statement.error());
  auto row = statement->step();
  if (!row) return std::unexpected(row.error());
  return *row ? statement->column_int(0) : 0;
}

std::expected<Transaction, Failure> Transaction::begin(sqlite3* db) {
  if (auto ok = exec(db, "BEGIN IMMEDIATE"); !ok) return std::unexpected(ok.error());
  return Transaction(db);
}

Transaction::~Transaction() {
  if (m_db != nullptr) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

std::expected<void, Failure> Transaction::commit() {
  const int rc = sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(failure(m_db, rc, "save to the database"));
  m_db = nullptr;
  return {};
}

}  // namespace base::sqlite
