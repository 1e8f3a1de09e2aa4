// The SQLite statement wrapper on an in-memory database: binding and reading each type,
// failures as values with SQLite's code and words, and the transaction guard.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "base/sqlite.h"

using base::sqlite::Statement;
using base::sqlite::Transaction;

namespace {
struct Db {
  sqlite3* db = nullptr;
  Db() {
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    REQUIRE(base::sqlite::exec(db, "CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER, b BLOB)"));
  }
  ~Db() { sqlite3_close(db); }
};
}  // namespace

TEST_CASE("sqlite: bind, step and read each type back") {
  Db d;
  auto put = Statement::prepare(d.db, "INSERT INTO t (k, n, b) VALUES (?, ?, ?)");
  REQUIRE(put);
  const std::string blob("a\0b", 3);
  REQUIRE(
      put->bind(1, std::string_view("职工")).bind(2, std::int64_t{-7}).bind_blob(3, blob).run());
  put->reset();
  REQUIRE(put->bind(1, std::string_view("none")).bind_null(2).bind_opt(3, std::nullopt).run());

  auto get = Statement::prepare(d.db, "SELECT k, n, b FROM t ORDER BY rowid");
  REQUIRE(get);
  REQUIRE(get->step().value());
  CHECK(get->column_text(0) == "职工");
  CHECK(get->column_int(1) == -7);
  CHECK(get->column_blob(2) == blob);
  REQUIRE(get->step().value());
  CHECK(get->column_null(1));
  CHECK_FALSE(get->column_opt_text(2).has_value());
  CHECK_FALSE(get->step().value());

  CHECK(base::sqlite::query_int(d.db, "SELECT COUNT(*) FROM t").value() == 2);
  CHECK(base::sqlite::query_text(d.db, "SELECT k FROM t WHERE n = -7").value() == "职工");
  CHECK_FALSE(base::sqlite::query_text(d.db, "SELECT k FROM t WHERE n = 1").value());
}

TEST_CASE("sqlite: failures carry the code, what we did and SQLite's words") {
  Db d;
  auto bad = Statement::prepare(d.db, "SELECT x FROM nowhere");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().primary() == SQLITE_ERROR);
  CHECK(bad.error().describe().find("could not prepare a database query") == 0);
  CHECK(bad.error().detail.find("no such table") != std::string::npos);

  REQUIRE(base::sqlite::exec(d.db, "INSERT INTO t (k) VALUES ('a')"));
  auto twice = base::sqlite::exec(d.db, "INSERT INTO t (k) VALUES ('a')");
  REQUIRE_FALSE(twice);
  CHECK(twice.error().primary() == SQLITE_CONSTRAINT);

  // A bind to a parameter that does not exist is reported by the step, not lost.
  auto put = Statement::prepare(d.db, "INSERT INTO t (k) VALUES (?)");
  REQUIRE(put);
  auto row = put->bind(5, std::string_view("x")).step();
  REQUIRE_FALSE(row);
  CHECK(row.error().primary() == SQLITE_RANGE);
  CHECK(row.error().doing == "bind a value");
}

TEST_CASE("sqlite: a transaction rolls back unless committed") {
  Db d;
  {
    auto tx = Transaction::begin(d.db);
    REQUIRE(tx);
    REQUIRE(base::sqlite::exec(d.db, "INSERT INTO t (k) VALUES ('dropped')"));
  }
  CHECK(base::sqlite::query_int(d.db, "SELECT COUNT(*) FROM t").value() == 0);
  {
    auto tx = Transaction::begin(d.db);
    REQUIRE(tx);
    REQUIRE(base::sqlite::exec(d.db, "INSERT INTO t (k) VALUES ('kept')"));
    REQUIRE(tx->commit());
  }
  CHECK(base::sqlite::query_int(d.db, "SELECT COUNT(*) FROM t").value() == 1);
}

TEST_CASE("sqlite: a moved statement is finalised once and still works") {
  Db d;
  auto first = Statement::prepare(d.db, "SELECT 41 + 1");
  REQUIRE(first);
  Statement moved = std::move(*first);
  Statement other;
  other = std::move(moved);
  REQUIRE(other.step().value());
  CHECK(other.column_int(0) == 42);
}
