#pragma once
// The database file as a file, before and beside SQLite: is it a database at all, is it
// sound, a connection that can change nothing, moving a damaged file aside whole, and the
// leftovers of a creation that was killed.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <sqlite3.h>

#include "kiosk/store/error.h"

namespace kiosk::store {

struct Connection {
  sqlite3* db = nullptr;
  ~Connection() { sqlite3_close_v2(db); }
  sqlite3* release() { return std::exchange(db, nullptr); }
};

// A connection that can change neither the file nor its -wal: SQLITE_OPEN_READONLY cannot
// checkpoint, and NO_CKPT_ON_CLOSE keeps the last close from trying. (It may build the -shm
// index, which holds no data.) Only for files whose header was checked first: on a 0-byte
// file SQLite deletes the -wal beside it even on a read-only open.
std::expected<void, Error> open_read_only(const std::filesystem::path& path, Connection& c);

// nullopt: the file starts with the SQLite header. Otherwise why it is not a database. Read
// with plain read(2) before SQLite sees the file (see open_read_only).
std::expected<std::optional<std::string>, Error> header_problem(const std::filesystem::path& path);

// The message for a file that is not a database, when nothing may be changed.
Error not_a_database(const std::filesystem::path& path, std::string_view why);

// nullopt: sound. A string: what is wrong (the file is damaged). An Error: could not tell.
std::expected<std::optional<std::string>, Error> integrity(sqlite3* db);
// The same for a file: its header, SQLite's integrity check on a read-only connection, and
// the kiosk schema (user_version above 0).
std::expected<std::optional<std::string>, Error> probe(const std::filesystem::path& path);

// Best effort on a damaged file: the highest claim sequence still readable, so the new
// database continues the terminal's sequence instead of starting again at 1.
std::int64_t readable_max_sequence(const std::filesystem::path& path);

// Renames the file and its -wal and -shm to <path>.damaged-<time>[-n]; returns the new name.
std::expected<std::filesystem::path, Error> move_aside(const std::filesystem::path& path);

// Deletes BASE and its -wal, -shm and -journal, if there.
void remove_with_sidecars(const std::filesystem::path& base);
// What a creation killed half-way left: "<db>.creating-<pid>" of a process that is gone.
void remove_abandoned_creations(const std::filesystem::path& path);

}  // namespace kiosk::store
