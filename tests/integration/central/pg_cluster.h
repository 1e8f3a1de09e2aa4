#pragma once
// A throwaway PostgreSQL for kiosk-central's tests: Debian's postgresql-15 binaries
// (/usr/lib/postgresql/15/bin) run initdb into a temporary folder and serve on a Unix socket
// there, with no TCP port; as root, the server runs as the `postgres` user (PostgreSQL refuses
// root). One cluster serves a whole test run: CTest starts it once (the pg_cluster fixture,
// pg_cluster.sh), and each test makes its own schema in its database `kiosk_tests`. A test binary
// run by hand starts its own cluster the first time it needs one and stops it at exit.
#include <expected>
#include <string>

namespace server::test {

// A new, empty schema in the cluster, as a libpq URI that makes it the connection's search
// path: "postgresql:///kiosk_tests?host=/tmp/kiosk-pg-XXXXXX&user=kiosk&options=
// -csearch_path%3Dt_...". The error says what is missing (postgresql-15, the postgres user).
std::expected<std::string, std::string> fresh_postgres_database();

// The engines a test runs against: "sqlite" always, "postgresql" too when the binaries are
// installed (they are with deploy/setup.sh; a missing one fails the PostgreSQL case).
inline constexpr const char* kEngines[] = {"sqlite", "postgresql"};

}  // namespace server::test
