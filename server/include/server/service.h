#pragma once
// The HTTP side of kiosk-central: the v1 routes of deploy/api/openapi.yaml, served in plain
// HTTP on a Unix socket behind nginx (deploy/nginx/central.conf.in), which terminates mutual
// TLS, verifies the kiosk's certificate against the kiosk CA and its CRL, and passes the
// verified subject in X-Client-Subject and the verdict in X-Client-Verify. Those headers are
// trusted only because this socket is the only way in: it lives in a 0700 folder that only
// nginx and kiosk-central can reach, and there is no TCP listener. The subject's CN is the
// terminal id routes act for.
#include <expected>
#include <filesystem>
#include <memory>
#include <string>

#include "server/database.h"
#include "server/subject.h"

namespace server {

struct ServiceOptions {
  // The Unix socket to serve on. Its folder must exist or be creatable with mode 0700, be
  // owned by this user and be closed to everyone else; the socket is made 0600.
  std::filesystem::path socket_path;
};

class Service {
 public:
  // Checks the socket folder and binds the socket; the error says what to change.
  static std::expected<std::unique_ptr<Service>, std::string> create(Database& db,
                                                                     const ServiceOptions& options);
  ~Service();
  const std::filesystem::path& socket_path() const { return m_socket_path; }
  // Serves until stop() is called from another thread (or a signal handler's thread).
  bool run();
  void stop();

 private:
  struct Impl;
  Service(std::unique_ptr<Impl> impl, std::filesystem::path socket_path);
  std::unique_ptr<Impl> m_impl;
  std::filesystem::path m_socket_path;
};

}  // namespace server
