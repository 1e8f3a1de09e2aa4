#include "kiosk/store/private_dir.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include <fmt/core.h>

namespace kiosk::store {
namespace fs = std::filesystem;
namespace {
// lstat, so a link is seen as a link and its target is left alone.
void restrict_entry(const fs::path& path, PrivateDirReport& report) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return;  // gone meanwhile
  mode_t wanted = 0;
  if (S_ISDIR(info.st_mode)) {
    wanted = 0700;
  } else if (S_ISREG(info.st_mode)) {
    wanted = 0600;
  } else {
    return;
  }
  if ((info.st_mode & 07777) == wanted) return;
  if (::chmod(path.c_str(), wanted) != 0) {
    report.problems.push_back(fmt::format("{}: cannot make it private ({}): run `chmod {:o} {}`",
                                          path.string(), std::strerror(errno), wanted,
                                          path.string()));
    return;
  }
  ++report.changed;
}
}  // namespace

std::expected<PrivateDirReport, Error> make_private(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    return std::unexpected(
        Error{Error::Kind::io,
              fmt::format("the data folder {} cannot be created or is not a folder: {}",
                          dir.string(), ec ? ec.message() : "it is a file"),
              ""});
  }
  PrivateDirReport report;
  restrict_entry(dir, report);
  for (auto it =
           fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    restrict_entry(it->path(), report);
  }
  if (ec) report.problems.push_back(fmt::format("{}: {}", dir.string(), ec.message()));
  return report;
}

}  // namespace kiosk::store
