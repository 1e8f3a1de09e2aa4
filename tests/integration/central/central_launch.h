#pragma once
// deploy/central.sh as the fleet tests and the fleet benchmark start it: nginx in front of one
// or more kiosk-central processes (this build's) on SQLite or PostgreSQL, plus what they need
// to talk to it: more terminal certificates (dev-ca.sh --terminal) and valid demo claims.
// Free of Catch2, so tests/bench/fleet uses it too.
#include <sys/types.h>

#include <chrono>
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace server::test {

class CentralRun {
 public:
  // deploy/central.sh DIR --listen 127.0.0.1:0 ARGS... with KIOSK_CENTRAL set to
  // this build's kiosk-central; DIR/tls made by dev-ca.sh first when missing. Waits for the
  // "listening on" line (60 s at most).
  static std::expected<std::unique_ptr<CentralRun>, std::string> start(
      const std::filesystem::path& dir, const std::vector<std::string>& args);
  ~CentralRun();
  int port() const { return m_port; }
  const std::filesystem::path& dir() const { return m_dir; }
  std::filesystem::path tls() const { return m_dir / "tls"; }
  pid_t pid() const { return m_pid; }
  // The kiosk-central processes and the nginx master, children of central.sh.
  std::vector<pid_t> centrals() const;
  std::vector<pid_t> nginx() const;  // master and workers
  void reload() const;               // SIGHUP: nginx re-reads the config and the CRL
  void stop();

 private:
  CentralRun() = default;
  pid_t m_pid = -1;
  int m_port = 0;
  std::filesystem::path m_dir;
};

// DIR/tls/terminals/ID.pem and .key: a terminal of CENTRE, signed by DIR/tls's CA.
std::expected<void, std::string> make_terminal(const std::filesystem::path& tls,
                                               const std::string& id, const std::string& centre);

// A ClaimRequest the demo data accepts: demo claim N's first settlement record for its demo
// person, sent by TERMINAL with claim_uuid UUID.
nlohmann::json demo_claim_request(std::size_t n, const std::string& terminal,
                                  const std::string& uuid);
std::string uuid_of(std::size_t n, unsigned salt = 0);

// CPU seconds (user + system) and resident memory (kB) of a process, from /proc.
double cpu_seconds(pid_t pid);
long rss_kb(pid_t pid);

}  // namespace server::test
