// The database file as a file: see database_file.h.
#include "database_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <vector>

#include <fmt/core.h>

#include "kiosk/core/date.h"
#include "sqlite.h"

namespace kiosk::store {
namespace fs = std::filesystem;

std::expected<void, Error> open_read_only(const fs::path& path, Connection& c) {
  const int rc = sqlite3_open_v2(path.c_str(), &c.db, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(sql::error_from(c.db, rc, "open the database"));
  sqlite3_db_config(c.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  sqlite3_busy_timeout(c.db, 10000);
  return {};
}

std::expected<std::optional<std::string>, Error> header_problem(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::unexpected(Error{
        Error::Kind::io,
        fmt::format("cannot read the database {}: {}", path.string(), std::strerror(errno)), ""});
  }
  char header[100];
  const ssize_t got = ::read(fd, header, sizeof header);
  ::close(fd);
  static constexpr std::string_view kMagic{"SQLite format 3\0", 16};
  if (got == 0) return std::optional<std::string>{"it is empty (0 bytes)"};
  if (got < static_cast<ssize_t>(sizeof header) ||
      std::string_view(header, kMagic.size()) != kMagic) {
    return std::optional<std::string>{"it does not begin with the SQLite header"};
  }
  return std::optional<std::string>{};
}

Error not_a_database(const fs::path& path, std::string_view why) {
  return Error{Error::Kind::damaged,
               fmt::format("{} is not a SQLite database ({}); nothing was changed. If it came "
                           "from a restore, restore it again together with its -wal file; the "
                           "terminal moves such a file aside at its next start and begins a new "
                           "database",
                           path.string(), why),
               ""};
}

std::expected<std::optional<std::string>, Error> integrity(sqlite3* db) {
  auto rows = sql::Statement::prepare(db, "PRAGMA integrity_check(20)");
  std::vector<std::string> lines;
  if (rows) {
    for (;;) {
      auto row = rows->step();
      if (!row) {
        if (Error(row.error()).kind == Error::Kind::damaged) return row.error().detail;
        return std::unexpected(row.error());
      }
      if (!*row) break;
      lines.push_back(rows->column_text(0));
    }
  } else if (Error(rows.error()).kind == Error::Kind::damaged) {
    return rows.error().detail;
  } else {
    return std::unexpected(rows.error());
  }
  if (lines.size() == 1 && lines[0] == "ok") return std::optional<std::string>{};
  std::string joined;
  for (const auto& line : lines) joined += (joined.empty() ? "" : "; ") + line;
  return joined;
}

std::expected<std::optional<std::string>, Error> probe(const fs::path& path) {
  auto header = header_problem(path);
  if (!header || *header) return header;
  Connection c;
  if (auto ok = open_read_only(path, c); !ok) return std::unexpected(ok.error());
  auto damage = integrity(c.db);
  if (!damage || *damage) return damage;
  // A sound SQLite file without the kiosk's schema (such as what a restore from a missing
  // backup leaves) would look like a new, empty store once given one.
  auto version = sql::query_int(c.db, "PRAGMA user_version");
  if (!version) return std::unexpected(version.error());
  if (*version == 0) return std::optional<std::string>{"it holds no kiosk schema"};
  return std::optional<std::string>{};
}

std::int64_t readable_max_sequence(const fs::path& path) {
  auto header = header_problem(path);
  if (!header || *header) return 0;
  Connection c;
  if (!open_read_only(path, c)) return 0;
  auto max = sql::query_int(c.db, "SELECT coalesce(max(sequence), 0) FROM claims");
  return max ? *max : 0;
}

std::expected<fs::path, Error> move_aside(const fs::path& path) {
  const auto stamp = core::format_rfc3339_cst(std::chrono::system_clock::now()).substr(0, 19);
  std::string compact;
  for (char c : stamp) {
    if (c != '-' && c != ':') compact.push_back(c);
  }
  fs::path target = path;
  target += ".damaged-" + compact;
  for (int n = 2; fs::exists(target); ++n) {
    target = path;
    target += fmt::format(".damaged-{}-{}", compact, n);
  }
  std::error_code ec;
  fs::rename(path, target, ec);
  if (ec) {
    return std::unexpected(Error{Error::Kind::io,
                                 fmt::format("the database {} is damaged and could not be moved "
                                             "aside: {}",
                                             path.string(), ec.message()),
                                 ""});
  }
  for (const char* suffix : {"-wal", "-shm"}) {
    fs::path side = path;
    side += suffix;
    fs::path side_target = target;
    side_target += suffix;
    if (fs::exists(side)) fs::rename(side, side_target, ec);
  }
  return target;
}

void remove_with_sidecars(const fs::path& base) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    fs::path file = base;
    file += suffix;
    ::unlink(file.c_str());
  }
}

void remove_abandoned_creations(const fs::path& path) {
  const std::string prefix = path.filename().string() + ".creating-";
  const auto dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const long pid = std::strtol(digits.c_str(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      remove_with_sidecars(entry.path());
    }
  }
}

}  // namespace kiosk::store
