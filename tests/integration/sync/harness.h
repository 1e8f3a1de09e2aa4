#pragma once
// Test harness for the sync suites: temporary folders, a development PKI made with
// deploy/dev-ca.sh (plus certificates that must be refused, made with openssl), and
// kiosk-central started as a real process on an ephemeral loopback port.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kiosk::test {

// A fresh folder under /dev/shm (else $TMPDIR or /tmp), removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

// Runs a shell command; returns its exit status and what it printed on stdout.
struct CommandResult {
  int status = -1;
  std::string out;
};
CommandResult run_command(const std::string& command);

// deploy/dev-ca.sh DIR: ca.pem, server.pem/.key, kiosk.pem/.key. REQUIREs success.
void make_dev_ca(const std::filesystem::path& dir, const std::string& terminal = "DEMO-0001");

// A certificate and key signed by the CA in `ca_dir` (ca.pem, ca.key), written as
// out_dir/NAME.pem and NAME.key. `days` < 0 makes one that expired |days| days ago.
// `san` is the subjectAltName value ("DNS:localhost,IP:127.0.0.1"); `client` picks clientAuth.
void make_cert(const std::filesystem::path& ca_dir, const std::filesystem::path& out_dir,
               const std::string& name, const std::string& cn, const std::string& san, int days,
               bool client);

std::filesystem::path binary(const std::string& relative);  // under KIOSK_BINARY_DIR
std::filesystem::path source(const std::string& relative);  // under KIOSK_SOURCE_DIR

// The central side as production runs it: deploy/central.sh DIR --listen 127.0.0.1:0
// [--demo-data], i.e. nginx terminating mutual TLS in front of kiosk-central (this build's, via
// $KIOSK_CENTRAL) on a Unix socket. `tls_dir` (dev-ca.sh's files) is copied to DIR/tls when it
// is another folder. Stopped (SIGTERM, then SIGKILL of its process group) when destroyed.
class ServerProcess {
 public:
  ServerProcess(const std::filesystem::path& dir, const std::filesystem::path& tls_dir,
                bool demo_data = true);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  int port() const { return m_port; }
  std::string url() const;  // https://127.0.0.1:PORT
  pid_t pid() const { return m_pid; }
  const std::filesystem::path& dir() const { return m_dir; }
  std::filesystem::path db() const { return m_dir / "central.db"; }
  std::filesystem::path access_log() const { return m_dir / "logs" / "access.log"; }
  // SIGHUP: nginx re-reads its configuration and the CRL.
  void reload();
  // SIGTERM and wait; returns how long central.sh took to end (it ends after both children).
  std::chrono::milliseconds stop();

 private:
  pid_t m_pid = -1;
  int m_port = 0;
  std::filesystem::path m_dir;
};

// One line of nginx's access log (deploy/nginx/central.conf.in's `kiosk` format).
struct AccessEntry {
  int status = 0;
  std::string method, uri, idempotency_key, subject;
};
std::vector<AccessEntry> read_access_log(const std::filesystem::path& log);

// Exactly-once evidence from the access log: per Idempotency-Key of POST /api/v1/claims, how
// many were POSTed and how many got 201.
struct ClaimPosts {
  std::map<std::string, int> posts, created;
};
ClaimPosts claim_posts(const std::vector<AccessEntry>& entries);

// `kiosk-central list-claims --db DB` parsed: one JSON object text per line.
std::vector<std::string> list_claims(const std::filesystem::path& db);

}  // namespace kiosk::test
