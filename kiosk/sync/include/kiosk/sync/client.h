#pragma once
// The HTTPS client of the central API (deploy/api/openapi.yaml): libcurl with mutual TLS, the
// central CA pinned from a file (the system trust store is not used), reused connections,
// timeouts, and every failure mapped to one ErrorClass. Not thread-safe: one per thread.
// Claims go out a window at a time over a few kept-alive connections at once, so a backlog
// after an outage drains at the speed of the server rather than of one round trip per claim.
#include <atomic>
#include <chrono>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/sync/clock_guard.h"
#include "kiosk/sync/reply.h"

namespace kiosk::sync {

struct ClientOptions {
  std::string base_url;                // "https://127.0.0.1:8443"
  std::filesystem::path ca_file;       // the pinned central CA (PEM)
  std::filesystem::path cert_file;     // this kiosk's certificate (PEM); its CN is the terminal id
  std::filesystem::path key_file;      // its private key (PEM)
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};
  bool reuse_connection = true;        // false: a new TLS connection per request (benchmarks)
  int parallel_claims = 4;             // claim uploads in flight at once, each on its connection
};

struct ClaimSubmission {
  std::string uuid;  // also the Idempotency-Key
  std::string body;  // the frozen request JSON
};

// The CN of a PEM certificate: the terminal id the server reads from this kiosk's certificate.
// nullopt when the file is missing, not a certificate, or has no CN.
std::optional<std::string> certificate_common_name(const std::filesystem::path& pem_file);

// ca.pem, kiosk.pem and kiosk.key in DIR, as deploy/dev-ca.sh names them.
ClientOptions client_options_from_tls_dir(std::string base_url, const std::filesystem::path& dir);

struct ConfigReply {
  bool not_modified = false;  // 304: the config with this ETag is still current
  std::string etag;
  std::optional<RemoteConfig> config;
};

class Client {
 public:
  // Checks that the files exist and the URL is https; the error names what is missing.
  // `guard` is shared with the worker; a private one is made when null.
  static std::expected<Client, SyncError> create(ClientOptions options,
                                                 std::shared_ptr<ClockGuard> guard = nullptr);
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;
  ~Client();

  // The raw exchange: clock guard first, then the request; the Date of the reply feeds the
  // guard. A reply of any status is a value; only transport failures are errors.
  std::expected<HttpReply, SyncError> get(const std::string& path,
                                          const std::vector<std::string>& headers = {});
  std::expected<HttpReply, SyncError> post(const std::string& path, const std::string& body,
                                           const std::vector<std::string>& headers = {});

  // POST /api/v1/claims with Idempotency-Key: uuid. Transport failures become `retry`.
  ClaimOutcome submit_claim(const std::string& uuid, const std::string& body);
  // The same for a window of claims, up to parallel_claims at a time; outcomes in the same
  // order. After the first `retry` no further request is started: the rest are `not_sent`,
  // so a dead link costs one timeout per connection, not one per claim. Once `cancel` is
  // true no further request starts either (a stopping worker waits only for those in flight).
  std::vector<ClaimOutcome> submit_claims(const std::vector<ClaimSubmission>& claims,
                                          const std::atomic<bool>* cancel = nullptr);
  std::expected<void, SyncError> health();
  std::expected<RemoteClaim, SyncError> claim_status(const std::string& uuid);
  std::expected<ConfigReply, SyncError> config(const std::string& etag);
  std::expected<void, SyncError> heartbeat(const std::string& body);
  // Person data: the caller keeps the result in Secrets and never logs it.
  std::expected<LookupResult, SyncError> lookup(const std::string& id_number);

  ClockGuard& clock_guard() { return *m_guard; }
  // TLS connections opened so far (for tests and benchmarks of connection reuse).
  long connections_opened() const;

 private:
  struct Impl;
  explicit Client(std::unique_ptr<Impl> impl, std::shared_ptr<ClockGuard> guard);
  std::expected<HttpReply, SyncError> perform(const char* method, const std::string& path,
                                              const std::string* body,
                                              const std::vector<std::string>& headers);
  std::unique_ptr<Impl> m_impl;
  std::shared_ptr<ClockGuard> m_guard;
};

// A libcurl result code and error text as a SyncError (exposed for tests).
SyncError classify_transport_error(int curl_code, const std::string& detail);

}  // namespace kiosk::sync
