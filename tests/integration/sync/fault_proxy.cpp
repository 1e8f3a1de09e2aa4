#include "fault_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace kiosk::test {
namespace {
constexpr const char* kPortalPage =
    "<html><head><title>Wi-Fi login</title></head><body>Please log in</body></html>";

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// One HTTP/1.1 message read from a TLS stream: head (through the blank line) and body.
struct Message {
  std::string head;
  std::string body;
  bool close = false;
  std::string bytes() const { return head + body; }
};

std::optional<Message> read_message(SSL* ssl, std::string& buffer, bool is_response) {
  Message m;
  std::size_t end;
  char chunk[16384];
  while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
    const int n = SSL_read(ssl, chunk, sizeof chunk);
    if (n <= 0) return std::nullopt;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  m.head = buffer.substr(0, end + 4);
  buffer.erase(0, end + 4);
  const std::string head = lower(m.head);
  std::size_t length = 0;
  if (auto at = head.find("\r\ncontent-length:"); at != std::string::npos) {
    length = std::stoul(head.substr(at + 17));
  }
  m.close = head.find("\r\nconnection: close") != std::string::npos;
  if (is_response && (head.starts_with("http/1.1 304") || head.starts_with("http/1.1 204"))) {
    length = 0;
  }
  while (buffer.size() < length) {
    const int n = SSL_read(ssl, chunk, sizeof chunk);
    if (n <= 0) return std::nullopt;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  m.body = buffer.substr(0, length);
  buffer.erase(0, length);
  return m;
}

bool write_all(SSL* ssl, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const int n = SSL_write(ssl, data.data() + done, static_cast<int>(data.size() - done));
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string canned(int status, const char* reason, const char* type, const std::string& body,
                   bool close) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
         (close ? "Connection: close\r\n" : "") + "\r\n" + body;
}

// The Idempotency-Key of a claim upload, or empty for any other request.
std::string claim_key(const std::string& head) {
  const std::string lowered = lower(head);
  if (!lowered.starts_with("post /api/v1/claims ")) return {};
  const auto at = lowered.find("\r\nidempotency-key:");
  if (at == std::string::npos) return {};
  const auto start = head.find_first_not_of(' ', at + 18);
  const auto end = head.find("\r\n", start);
  return head.substr(start, end - start);
}

bool is_2xx(const std::string& head) {
  return head.size() > 9 && head[9] == '2';
}

void abort_socket(int fd) {
  linger l{1, 0};  // close with RST
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
}
}  // namespace

const char* to_string(Fault fault) {
  switch (fault) {
    case Fault::pass: return "pass";
    case Fault::reset: return "reset";
    case Fault::black_hole: return "black_hole";
    case Fault::delay: return "delay";
    case Fault::http500: return "http500";
    case Fault::captive_portal: return "captive_portal";
    case Fault::cut_after_commit: return "cut_after_commit";
  }
  return "?";
}

struct FaultProxy::Tls {
  SSL_CTX* down = nullptr;  // towards the kiosk
  SSL_CTX* up = nullptr;    // towards kiosk-central
  ~Tls() {
    SSL_CTX_free(down);
    SSL_CTX_free(up);
  }
};

FaultProxy::FaultProxy(FaultProxyOptions options)
    : m_options(std::move(options)), m_tls(std::make_unique<Tls>()), m_rng(m_options.seed) {
  const auto dir = m_options.tls_dir;
  m_tls->down = SSL_CTX_new(TLS_server_method());
  SSL_CTX_use_certificate_chain_file(m_tls->down, (dir / "server.pem").c_str());
  SSL_CTX_use_PrivateKey_file(m_tls->down, (dir / "server.key").c_str(), SSL_FILETYPE_PEM);
  m_tls->up = SSL_CTX_new(TLS_client_method());
  SSL_CTX_load_verify_locations(m_tls->up, (dir / "ca.pem").c_str(), nullptr);
  SSL_CTX_set_verify(m_tls->up, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_use_certificate_chain_file(m_tls->up, (dir / "kiosk.pem").c_str());
  SSL_CTX_use_PrivateKey_file(m_tls->up, (dir / "kiosk.key").c_str(), SSL_FILETYPE_PEM);

  m_listen_fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;
  ::setsockopt(m_listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::listen(m_listen_fd, 64);
  socklen_t len = sizeof addr;
  ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), &len);
  m_port = ntohs(addr.sin_port);
  m_acceptor = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  m_stop = true;
  ::shutdown(m_listen_fd, SHUT_RDWR);
  m_acceptor.join();
  ::close(m_listen_fd);
  std::vector<Worker> workers;
  {
    std::lock_guard lock(m_mutex);
    for (int fd : m_open_fds) ::shutdown(fd, SHUT_RDWR);
    workers.swap(m_workers);
  }
  for (auto& w : workers) w.thread.join();
}

ClaimTraffic FaultProxy::claim_traffic() const {
  std::lock_guard lock(m_mutex);
  return m_traffic;
}

std::map<Fault, int> FaultProxy::counts() const {
  std::lock_guard lock(m_mutex);
  return m_counts;
}

void FaultProxy::count(Fault fault) {
  std::lock_guard lock(m_mutex);
  ++m_counts[fault];
}

void FaultProxy::track(int fd, bool add) {
  std::lock_guard lock(m_mutex);
  if (add) {
    m_open_fds.insert(fd);
  } else {
    m_open_fds.erase(fd);
  }
}

Fault FaultProxy::draw_request_fault() {
  std::lock_guard lock(m_mutex);
  int roll = std::uniform_int_distribution<int>(0, 99)(m_rng);
  for (auto [fault, percent] :
       {std::pair{Fault::delay, m_options.delay_percent},
        std::pair{Fault::http500, m_options.http500_percent},
        std::pair{Fault::captive_portal, m_options.captive_portal_percent},
        std::pair{Fault::cut_after_commit, m_options.cut_after_commit_percent}}) {
    if (roll < percent) return fault;
    roll -= percent;
  }
  return Fault::pass;
}

void FaultProxy::accept_loop() {
  while (!m_stop) {
    pollfd p{m_listen_fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int fd = ::accept(m_listen_fd, nullptr, nullptr);
    if (fd < 0) continue;
    Fault fault = Fault::pass;
    {
      std::lock_guard lock(m_mutex);
      int roll = std::uniform_int_distribution<int>(0, 99)(m_rng);
      if (m_accepted < m_options.first_connections.size()) {
        fault = m_options.first_connections[m_accepted];
      } else if (roll < m_options.reset_percent) {
        fault = Fault::reset;
      } else if (roll < m_options.reset_percent + m_options.black_hole_percent) {
        fault = Fault::black_hole;
      }
      ++m_accepted;
      m_open_fds.insert(fd);
      // Join the connections that ended, so a long run does not pile up threads.
      std::erase_if(m_workers, [](Worker& w) {
        if (!*w.done) return false;
        w.thread.join();
        return true;
      });
      auto done = std::make_shared<std::atomic<bool>>(false);
      m_workers.push_back({std::thread([this, fd, fault, done] {
                             serve(fd, fault);
                             *done = true;
                           }),
                           done});
    }
  }
}

void FaultProxy::serve(int fd, Fault connection_fault) {
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  auto finish = [&](SSL* down, SSL* up, int up_fd) {
    if (up) SSL_free(up);
    if (up_fd >= 0) {
      track(up_fd, false);
      ::close(up_fd);
    }
    if (down) SSL_free(down);
    track(fd, false);
    ::close(fd);
  };
  if (connection_fault == Fault::reset) {
    count(Fault::reset);
    abort_socket(fd);
    return finish(nullptr, nullptr, -1);
  }
  if (connection_fault == Fault::black_hole) {
    count(Fault::black_hole);
    char sink[4096];
    while (!m_stop) {  // swallow everything until the kiosk gives up
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      if (::read(fd, sink, sizeof sink) <= 0) break;
    }
    return finish(nullptr, nullptr, -1);
  }
  SSL* down = SSL_new(m_tls->down);
  SSL_set_fd(down, fd);
  if (SSL_accept(down) != 1) {
    ERR_clear_error();
    return finish(down, nullptr, -1);
  }
  SSL* up = nullptr;
  int up_fd = -1;
  std::string down_buffer, up_buffer;
  while (!m_stop) {
    auto request = read_message(down, down_buffer, false);
    if (!request) break;
    const std::string key = claim_key(request->head);
    if (!key.empty()) {
      std::lock_guard lock(m_mutex);
      if (m_traffic.acks_delivered.contains(key)) ++m_traffic.sent_after_ack[key];
    }
    const Fault fault = draw_request_fault();
    count(fault);
    if (fault == Fault::http500) {
      if (!write_all(down, canned(500, "Internal Server Error", "text/plain", "busy", false)))
        break;
      continue;
    }
    if (fault == Fault::captive_portal) {
      write_all(down, canned(200, "OK", "text/html", kPortalPage, true));
      break;
    }
    if (fault == Fault::delay) {
      std::this_thread::sleep_for(std::chrono::milliseconds(m_options.delay_ms));
    }
    if (up == nullptr) {
      up_fd = ::socket(AF_INET, SOCK_STREAM, 0);
      track(up_fd, true);
      ::setsockopt(up_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      addr.sin_port = htons(static_cast<uint16_t>(m_options.upstream_port));
      if (::connect(up_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) break;
      up = SSL_new(m_tls->up);
      SSL_set_fd(up, up_fd);
      if (SSL_connect(up) != 1) {
        ERR_clear_error();
        break;
      }
    }
    if (!key.empty()) {
      std::lock_guard lock(m_mutex);
      ++m_traffic.forwarded[key];
    }
    if (!write_all(up, request->bytes())) break;
    auto response = read_message(up, up_buffer, true);
    if (!response) break;
    if (fault == Fault::cut_after_commit) {
      // The server has committed and answered; the kiosk gets half a reply, then a reset.
      write_all(down, response->head.substr(0, response->head.size() / 2));
      abort_socket(fd);
      break;
    }
    if (!write_all(down, response->bytes())) break;
    if (!key.empty() && is_2xx(response->head)) {
      std::lock_guard lock(m_mutex);
      ++m_traffic.acks_delivered[key];
    }
    if (response->close || request->close) break;
  }
  ERR_clear_error();
  finish(down, up, up_fd);
}

}  // namespace kiosk::test
