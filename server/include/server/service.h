#pragma once
// The HTTPS side of kiosk-central: the v1 routes of deploy/api/openapi.yaml over mutual TLS.
// A client certificate signed by the CA in the TLS folder is required at the handshake; the
// certificate's subject CN is the terminal id every route acts for.
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

// The subject CN of a peer certificate, or empty when there is none.
std::string peer_common_name(const void* ssl);

}  // namespace server
