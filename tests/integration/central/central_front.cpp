#include "central_front.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <fmt/core.h>
#include <openssl/err.h>
#include <catch2/catch.hpp>

#include "pg_cluster.h"
#include "processes.h"

namespace server::test {
namespace fs = std::filesystem;
using namespace std::chrono;

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Front::Front(const std::string& engine) {
  std::vector<std::string> args{"--demo-data"};
  if (engine == "postgresql") {
    auto uri = fresh_postgres_database();
    INFO((uri ? std::string() : uri.error()));
    REQUIRE(uri);
    args.insert(args.end(), {"--db", *uri});
  }
  auto started = CentralRun::start(dir.path() / "central", args);
  INFO((started ? std::string() : started.error()));
  REQUIRE(started);
  run = std::move(*started);
  tls = run->tls();
}

std::string Front::url() const {
  return fmt::format("https://127.0.0.1:{}", port());
}

milliseconds Front::stop() {
  const auto start = steady_clock::now();
  run->stop();
  return duration_cast<milliseconds>(steady_clock::now() - start);
}

kiosk::sync::ClientOptions Front::kiosk_options() const {
  auto options = kiosk::sync::client_options_from_tls_dir(url(), tls);
  options.connect_timeout = seconds(5);
  options.request_timeout = seconds(10);
  return options;
}

std::unique_ptr<httplib::SSLClient> Front::https(bool with_cert) const {
  auto c = with_cert ? std::make_unique<httplib::SSLClient>("127.0.0.1", port(),
                                                            (tls / "kiosk.pem").string(),
                                                            (tls / "kiosk.key").string())
                     : std::make_unique<httplib::SSLClient>("127.0.0.1", port());
  c->set_ca_cert_path((tls / "ca.pem").c_str());
  c->enable_server_certificate_verification(true);
  c->set_connection_timeout(5);
  c->set_read_timeout(30);
  c->set_keep_alive(true);
  return c;
}

Processes processes(const Front& front) {
  Processes p;
  for (pid_t child : children(front.pid())) {
    const std::string name = comm(child);
    if (name == "kiosk-central") p.central = child;
    if (name == "nginx") {
      p.nginx.push_back(child);
      for (pid_t worker : children(child)) p.nginx.push_back(worker);
    }
  }
  return p;
}

long status_kb(pid_t pid, const std::string& field) {
  std::istringstream in(read_file(fmt::format("/proc/{}/status", pid)));
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(field + ":")) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

bool alive(pid_t pid) {
  return ::kill(pid, 0) == 0;
}

int tcp_connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

TlsConnection::TlsConnection(int port, const fs::path& tls, bool with_cert, const fs::path& cert) {
  ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_load_verify_locations(ctx, (tls / "ca.pem").c_str(), nullptr);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  if (with_cert) {
    const fs::path base = cert.empty() ? tls / "kiosk" : cert;
    SSL_CTX_use_certificate_chain_file(ctx, (base.string() + ".pem").c_str());
    SSL_CTX_use_PrivateKey_file(ctx, (base.string() + ".key").c_str(), SSL_FILETYPE_PEM);
  }
  fd = tcp_connect(port);
  ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  SSL_set_tlsext_host_name(ssl, "localhost");
  REQUIRE(SSL_connect(ssl) == 1);
}

TlsConnection::~TlsConnection() {
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  ::close(fd);
  ERR_clear_error();
}

bool TlsConnection::write(std::string_view data) {
  while (!data.empty()) {
    const int n = SSL_write(ssl, data.data(), static_cast<int>(data.size()));
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string TlsConnection::read_some(milliseconds wait) {
  timeval tv{static_cast<time_t>(wait.count() / 1000),
             static_cast<suseconds_t>((wait.count() % 1000) * 1000)};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buffer[4096];
  const int n = SSL_read(ssl, buffer, sizeof buffer);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

RawReply read_reply(TlsConnection& c, milliseconds wait) {
  RawReply r;
  std::string data;
  const auto deadline = steady_clock::now() + wait;
  while (steady_clock::now() < deadline) {
    std::string more = c.read_some(milliseconds(200));
    data += more;
    const auto end = data.find("\r\n\r\n");
    if (end != std::string::npos) {
      r.head = data.substr(0, end);
      const auto at = r.head.find("Content-Length: ");
      const std::size_t length = at == std::string::npos ? 0 : std::stoul(r.head.substr(at + 16));
      if (data.size() >= end + 4 + length) {
        r.body = data.substr(end + 4, length);
        r.status = std::stoi(r.head.substr(9, 3));
        return r;
      }
    }
  }
  return r;
}

std::string heartbeat(const std::string& terminal, const std::string& printer) {
  return R"({"terminal_id":")" + terminal + R"(","version":"0.1.0",
    "sent_at":"2026-11-28T10:00:00+08:00","queue":{"pending":0,"sending":0,"retry_wait":0,
    "acked":1,"quarantined":0,"oldest_pending_age_s":0},"last_success_at":null,
    "last_error_class":null,"devices":{"printer":")" +
         printer + R"("}})";
}

}  // namespace server::test
