#include "store_fixture.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

namespace test {

TempDir::TempDir() {
  std::random_device random;
  m_path = std::filesystem::temp_directory_path() /
           ("kiosk-store-test-" + std::to_string(random()) + std::to_string(random()));
  std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

kiosk::store::StoreOptions options_for(const std::filesystem::path& db) {
  kiosk::store::StoreOptions options;
  options.db_path = db;
  return options;
}

kiosk::store::Store open_store(const std::filesystem::path& db) {
  auto store = kiosk::store::Store::open(options_for(db));
  if (!store) FAIL(store.error().message << " / " << store.error().detail);
  return std::move(*store);
}

std::string raw_exec(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  sqlite3_open(db.c_str(), &handle);
  char* message = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message);
  std::string error = rc == SQLITE_OK ? "" : (message ? message : "error");
  sqlite3_free(message);
  sqlite3_close(handle);
  return error;
}

std::string raw_text(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  sqlite3_open(db.c_str(), &handle);
  sqlite3_stmt* statement = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0) != nullptr) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  }
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return out;
}

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace test
