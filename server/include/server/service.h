#pragma once
// The HTTPS side of kiosk-central: the v1 routes of deploy/api/openapi.yaml over mutual TLS.
// A client certificate signed by the CA in the TLS folder is required: without one every route
// answers 401 with the reason. The certificate's subject CN is the terminal id routes act for.
#include <expected>
#include <filesystem>
#include <memory>
#include <string>

#include "server/database.h"

namespace server {

struct ServiceOptions {
  std::string host = "127.0.0.1";
  int port = 8443;  // 0: pick a free port (see Service::port)
  std::filesystem::path tls_dir;  // ca.pem, server.pem, server.key (deploy/dev-ca.sh)
};

class Service {
 public:
  // Loads the certificates and binds the socket; the error names the file or the address.
  static std::expected<std::unique_ptr<Service>, std::string> create(Database& db,
                                                                     const ServiceOptions& options);
  ~Service();
  int port() const { return m_port; }
  // Serves until stop() is called from another thread (or a signal handler's thread).
  bool run();
  void stop();

 private:
  struct Impl;
  explicit Service(std::unique_ptr<Impl> impl, int port);
  std::unique_ptr<Impl> m_impl;
  int m_port;
};

// Why the peer's certificate is not acceptable (none, or not verified), or empty when it is.
std::string peer_problem(const void* ssl);
// The subject CN of a verified peer certificate, or empty.
std::string peer_common_name(const void* ssl);

}  // namespace server
