#include "sqlite.h"

#include <fmt/core.h>

namespace kiosk::store {

Error::Error(const base::sqlite::Failure& failure) : detail(failure.detail) {
  const int primary = failure.primary();
  std::string_view hint = "check that the disk is not full and the directory is writable";
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
    kind = Kind::damaged;
    hint = "the database file is damaged; run `kioskctl store check`";
  } else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    kind = Kind::busy;
    hint = "another process is holding the database; try again";
  } else if (primary == SQLITE_CONSTRAINT || primary == SQLITE_MISUSE || primary == SQLITE_RANGE) {
    kind = Kind::invalid;
    hint = "the data was refused by the database's rules";
  }
  message = fmt::format("could not {}: {}", failure.doing, hint);
}

namespace sql {

Error error_from(sqlite3* db, int rc, std::string_view what) {
  return Error(base::sqlite::failure(db, rc, what));
}

}  // namespace sql
}  // namespace kiosk::store
