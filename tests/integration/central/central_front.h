#pragma once
// What the central front suites share (central_limits_test, central_identity_test,
// central_stop_test): the front as deploy/central.sh runs it, on SQLite or on PostgreSQL (a
// fresh schema in the run's throwaway cluster, pg_cluster.h), raw TLS connections that write
// bytes themselves, and what /proc says about nginx and kiosk-central.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>
#include <openssl/ssl.h>

#include "central_launch.h"
#include "harness.h"
#include "kiosk/sync/client.h"

namespace server::test {

inline constexpr const char* kMemberId = "110105198503172314";  // 01-resident.card

std::string read_file(const std::filesystem::path& path);

// nginx in front of kiosk-central with demo data, with its own dev CA, started the way
// production starts it. ENGINE: "sqlite" or "postgresql".
struct Front {
  explicit Front(const std::string& engine = "sqlite");
  kiosk::test::TempDir dir;
  std::unique_ptr<CentralRun> run;
  std::filesystem::path tls;  // dev-ca.sh's files: ca.pem, kiosk.pem/.key (DEMO-0001)

  int port() const { return run->port(); }
  std::string url() const;
  pid_t pid() const { return run->pid(); }
  const std::filesystem::path& central_dir() const { return run->dir(); }
  // SIGTERM to central.sh; how long it took to end (it ends after both children).
  std::chrono::milliseconds stop();
  kiosk::sync::ClientOptions kiosk_options() const;
  // A plain HTTPS client (kept-alive), with the kiosk's certificate unless `with_cert` is off.
  std::unique_ptr<httplib::SSLClient> https(bool with_cert = true) const;
};

// The processes central.sh runs: kiosk-central, and nginx's master and workers.
struct Processes {
  pid_t central = -1;
  std::vector<pid_t> nginx;
};
Processes processes(const Front& front);

// A line of /proc/PID/status in kB: VmRSS now, VmHWM the peak so far.
long status_kb(pid_t pid, const std::string& field);
bool alive(pid_t pid);
int tcp_connect(int port);

// A raw TLS connection, optionally with a client certificate (CERT.pem and CERT.key beside
// it; the kiosk's by default); the test writes bytes itself.
struct TlsConnection {
  SSL_CTX* ctx = nullptr;
  SSL* ssl = nullptr;
  int fd = -1;
  TlsConnection(int port, const std::filesystem::path& tls, bool with_cert,
                const std::filesystem::path& cert = {});
  ~TlsConnection();
  TlsConnection(const TlsConnection&) = delete;
  TlsConnection& operator=(const TlsConnection&) = delete;
  bool write(std::string_view data);
  // Whatever arrives within `wait` (empty when the peer closed or nothing came).
  std::string read_some(std::chrono::milliseconds wait);
};

// The status code and body of a raw HTTP/1.1 reply that `read` delivers in pieces.
struct RawReply {
  int status = 0;
  std::string head, body;
};
RawReply read_reply(TlsConnection& c, std::chrono::milliseconds wait);

// A Heartbeat body from TERMINAL with the printer in state PRINTER.
std::string heartbeat(const std::string& terminal, const std::string& printer = "ok");

}  // namespace server::test
