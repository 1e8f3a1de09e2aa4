// The test PostgreSQL cluster: found through KIOSK_PG_CLUSTER_FILE (written by pg_cluster.sh
// start, CTest's fixture), or started here for this process.
#include "pg_cluster.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>

#include <fmt/core.h>
#include <libpq-fe.h>

namespace server::test {
namespace {
namespace fs = std::filesystem;

std::string script() {
  const char* source = std::getenv("KIOSK_SOURCE_DIR");
  return fs::path(source ? source : KIOSK_SOURCE_DIR) / "tests/integration/central/pg_cluster.sh";
}

// Stops the cluster this process started, when the process ends.
struct OwnCluster {
  std::string file;
  ~OwnCluster() {
    if (file.empty()) return;
    const std::string stop = fmt::format("'{}' stop '{}' >/dev/null 2>&1", script(), file);
    [[maybe_unused]] const int rc = std::system(stop.c_str());
    fs::remove(file);
  }
};

bool answers(const std::string& socket_dir) {
  PGconn* conn = PQconnectdb(
      fmt::format("postgresql:///kiosk_tests?host={}&user=kiosk&connect_timeout=5", socket_dir)
          .c_str());
  const bool ok = PQstatus(conn) == CONNECTION_OK;
  PQfinish(conn);
  return ok;
}

std::expected<std::string, std::string> socket_dir() {
  static std::mutex mutex;
  static OwnCluster own;
  static std::string found;
  std::lock_guard lock(mutex);
  if (!found.empty()) return found;
  if (const char* file = std::getenv("KIOSK_PG_CLUSTER_FILE")) {
    std::ifstream in(file);
    std::string dir;
    if (in && std::getline(in, dir) && answers(dir)) return found = dir;
  }
  char name[] = "/tmp/kiosk-pg-file-XXXXXX";
  const int fd = ::mkstemp(name);
  if (fd < 0) return std::unexpected(std::string("cannot make a temporary file"));
  ::close(fd);
  const std::string start = fmt::format("'{}' start '{}' 1>&2", script(), name);
  if (std::system(start.c_str()) != 0) {
    fs::remove(name);
    return std::unexpected(fmt::format(
        "could not start a test PostgreSQL with {} (install postgresql-15: deploy/setup.sh)",
        script()));
  }
  own.file = name;
  std::ifstream in(name);
  std::getline(in, found);
  return found;
}
}  // namespace

std::expected<std::string, std::string> fresh_postgres_database() {
  auto dir = socket_dir();
  if (!dir) return std::unexpected(dir.error());
  static std::atomic<unsigned> counter{0};
  std::random_device random;
  const std::string name = fmt::format("t_{}_{}_{:08x}", ::getpid(), counter++, random());
  PGconn* conn =
      PQconnectdb(fmt::format("postgresql:///kiosk_tests?host={}&user=kiosk", *dir).c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn);
    PQfinish(conn);
    return std::unexpected("cannot reach the test PostgreSQL: " + why);
  }
  // A schema per test, not a database: CREATE DATABASE copies a template and takes a second.
  PGresult* r = PQexec(conn, fmt::format("CREATE SCHEMA {}", name).c_str());
  const bool made = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string why = PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
  if (!made) return std::unexpected("cannot create a test schema: " + why);
  return fmt::format("postgresql:///kiosk_tests?host={}&user=kiosk&options=-csearch_path%3D{}",
                     *dir, name);
}

}  // namespace server::test
