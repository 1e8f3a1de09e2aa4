#pragma once
// kiosk-central's store on either engine for a test: an SQLite file in the test's folder, or
// a fresh database in the test PostgreSQL cluster (pg_cluster.h) with the key file in the
// folder. ENGINE_TEST registers one test case per engine, so each is its own ctest entry.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "harness.h"
#include "pg_cluster.h"
#include "server/database.h"

namespace server::test {

// What a second kiosk-central process would be given to open the same database.
struct EngineTarget {
  server::StorageOptions options;
};

inline EngineTarget engine_target(const std::string& engine, const kiosk::test::TempDir& dir) {
  if (engine == "sqlite") return {{"sqlite:" + (dir.path() / "central.db").string(), {}, 1}};
  auto uri = fresh_postgres_database();
  INFO((uri ? std::string() : uri.error()));
  REQUIRE(uri);
  return {{*uri, dir.path() / "central.key", 8}};
}

inline std::unique_ptr<server::Database> open_engine(const EngineTarget& target) {
  auto db = server::Database::open(target.options);
  INFO((db ? std::string() : db.error()));
  REQUIRE(db);
  return std::move(*db);
}

}  // namespace server::test

#define ENGINE_TEST_CONCAT2(a, b) a##b
#define ENGINE_TEST_CONCAT(a, b) ENGINE_TEST_CONCAT2(a, b)
// ENGINE_TEST("what it shows") { ... uses `engine` ... }
#define ENGINE_TEST(name) ENGINE_TEST_IMPL(name, ENGINE_TEST_CONCAT(engine_test_, __LINE__))
#define ENGINE_TEST_IMPL(name, body)             \
  static void body(const std::string& engine);   \
  TEST_CASE(name " (SQLite)", "[engines]") {     \
    body("sqlite");                              \
  }                                              \
  TEST_CASE(name " (PostgreSQL)", "[engines]") { \
    body("postgresql");                          \
  }                                              \
  static void body(const std::string& engine)
