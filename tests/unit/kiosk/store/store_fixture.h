#pragma once
// A fresh directory per test with a store in it, and raw SQLite access for tampering.
#include <filesystem>
#include <string>

#include <sqlite3.h>

#include "kiosk/store/store.h"

namespace test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

kiosk::store::StoreOptions options_for(const std::filesystem::path& db);
kiosk::store::Store open_store(const std::filesystem::path& db);

// Runs SQL on the file directly; returns SQLite's error message or "".
std::string raw_exec(const std::filesystem::path& db, const std::string& sql);
std::string raw_text(const std::filesystem::path& db, const std::string& sql);

// Whole file contents, for plaintext searches.
std::string read_bytes(const std::filesystem::path& file);

}  // namespace test
