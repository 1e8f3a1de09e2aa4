#pragma once
// The terminal's data folder holds the database and its key, logs, printed receipts (which
// show hospitals and amounts), screen snapshots and the TLS key: only the kiosk user may read
// any of it. The programs set umask 077 so what they create is private; this fixes what an
// older version, a copy or a restore left readable by others.
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/store/error.h"

namespace kiosk::store {

struct PrivateDirReport {
  int changed = 0;                    // folders set to 0700 and files to 0600
  std::vector<std::string> problems;  // entries that could not be changed, one line each
};

// Creates DIR (0700) if missing, then walks it: every folder 0700, every regular file 0600.
// Symbolic links are neither followed nor changed. Fails only when DIR cannot be created or is
// not a folder; entries that cannot be changed (owned by someone else) are listed instead.
std::expected<PrivateDirReport, Error> make_private(const std::filesystem::path& dir);

}  // namespace kiosk::store
