#include "drivers/printer/transport.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include <fmt/core.h>

namespace drivers::printer {
namespace {

int ms_until(Deadline deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::clamp<std::int64_t>(left.count(), 0, 60'000));
}

class FdTransport final : public Transport {
 public:
  FdTransport(int fd, std::string name, bool bidirectional)
      : m_fd(fd), m_name(std::move(name)), m_bidirectional(bidirectional) {}
  ~FdTransport() override { ::close(m_fd); }

  std::expected<void, Error> write(std::span<const std::uint8_t> bytes,
                                   Deadline deadline) override {
    std::size_t done = 0;
    while (done < bytes.size()) {
      // usblp takes at most 8 KB per write; smaller chunks keep the deadline checks frequent.
      std::size_t chunk = std::min<std::size_t>(bytes.size() - done, 4096);
      ssize_t n = ::write(m_fd, bytes.data() + done, chunk);
      if (n > 0) {
        done += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        return std::unexpected(Error{fmt::format("writing to {} failed: {}{}", m_name,
                                                 std::strerror(errno),
                                                 errno == ENOSPC ? " (paper out?)" : "")});
      }
      pollfd p{m_fd, POLLOUT, 0};
      int waited = ::poll(&p, 1, ms_until(deadline));
      if (waited < 0 && errno == EINTR) continue;
      if (waited == 0 || Clock::now() >= deadline) {
        return std::unexpected(Error{fmt::format(
            "{} stopped taking data ({} of {} bytes sent before the deadline); the printer "
            "may be out of paper, open or offline",
            m_name, done, bytes.size())});
      }
      if (p.revents & (POLLERR | POLLHUP | POLLNVAL)) {
        return std::unexpected(Error{fmt::format("{} closed the connection", m_name)});
      }
    }
    return {};
  }

  std::expected<std::size_t, Error> read(std::span<std::uint8_t> buffer,
                                         Deadline deadline) override {
    if (!m_bidirectional) return 0;
    while (true) {
      ssize_t n = ::read(m_fd, buffer.data(), buffer.size());
      if (n > 0) return static_cast<std::size_t>(n);
      if (n == 0 && m_socket) {
        return std::unexpected(Error{fmt::format("{} closed the connection", m_name)});
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        if (errno == EINVAL) return 0;  // usblp without a bulk-IN endpoint: no status at all
        return std::unexpected(
            Error{fmt::format("reading from {} failed: {}", m_name, std::strerror(errno))});
      }
      int wait = ms_until(deadline);
      if (wait == 0) return 0;
      pollfd p{m_fd, POLLIN, 0};
      int waited = ::poll(&p, 1, std::min(wait, n == 0 ? 20 : wait));
      if (waited < 0 && errno != EINTR) return 0;
    }
  }

  std::size_t drain() override {
    if (!m_bidirectional) return 0;
    std::uint8_t buffer[256];
    std::size_t total = 0;
    while (true) {
      ssize_t n = ::read(m_fd, buffer, sizeof buffer);
      if (n <= 0) return total;
      total += static_cast<std::size_t>(n);
    }
  }

  bool bidirectional() const override { return m_bidirectional; }
  std::string describe() const override { return m_name; }
  void set_socket() { m_socket = true; }

 private:
  int m_fd;
  std::string m_name;
  bool m_bidirectional;
  bool m_socket = false;
};

speed_t baud_constant(int baud) {
  switch (baud) {
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    default: return 0;
  }
}

std::expected<int, Error> open_device(const Endpoint& e, int flags) {
  int fd = ::open(e.path.c_str(), flags | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0644);
  if (fd < 0) {
    std::string hint = errno == EACCES ? "; the kiosk user needs the lp/dialout group (udev rule)"
                       : errno == ENOENT ? "; is the printer plugged in and switched on?"
                       : errno == EBUSY  ? "; another program (CUPS?) holds it"
                                         : "";
    return std::unexpected(
        Error{fmt::format("cannot open {}: {}{}", e.path, std::strerror(errno), hint)});
  }
  return fd;
}

std::expected<int, Error> connect_tcp(const Endpoint& e, Deadline deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::string port = std::to_string(e.port);
  if (int rc = ::getaddrinfo(e.path.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return std::unexpected(
        Error{fmt::format("cannot resolve printer host {}: {}", e.path, gai_strerror(rc))});
  }
  std::string last = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      if (::poll(&p, 1, ms_until(deadline)) == 1) {
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        rc = err == 0 ? 0 : -1;
        errno = err;
      } else {
        errno = ETIMEDOUT;
      }
    }
    if (rc == 0) {
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      ::freeaddrinfo(found);
      return fd;
    }
    last = std::strerror(errno);
    ::close(fd);
  }
  ::freeaddrinfo(found);
  return std::unexpected(Error{fmt::format(
      "cannot connect to printer at {}:{}: {}; is it switched on and on the network?", e.path,
      e.port, last)});
}

}  // namespace

std::expected<Endpoint, Error> parse_uri(std::string_view uri) {
  auto fail = [&] {
    return std::unexpected(Error{fmt::format(
        "printer device '{}' is not one of usb:/dev/usb/lp0, serial:/dev/ttyUSB0?baud=115200, "
        "tcp://host:9100, file:/path",
        uri)});
  };
  Endpoint e;
  if (uri.starts_with("tcp://")) {
    std::string_view rest = uri.substr(6);
    e.kind = Endpoint::Kind::tcp;
    std::string_view host = rest;
    std::string_view port;
    if (rest.starts_with('[')) {  // [v6 address]:port
      auto close = rest.find(']');
      if (close == std::string_view::npos) return fail();
      host = rest.substr(1, close - 1);
      if (close + 1 < rest.size()) {
        if (rest[close + 1] != ':') return fail();
        port = rest.substr(close + 2);
      }
    } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
      host = rest.substr(0, colon);
      port = rest.substr(colon + 1);
    }
    if (!port.empty() || rest.ends_with(':')) {
      auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), e.port);
      if (ec != std::errc{} || end != port.data() + port.size() || e.port < 1 || e.port > 65535) {
        return fail();
      }
    }
    rest = host;
    if (rest.empty()) return fail();
    e.path = std::string(rest);
    return e;
  }
  if (uri.starts_with("usb:")) {
    e.kind = Endpoint::Kind::usb;
    e.path = std::string(uri.substr(4));
  } else if (uri.starts_with("file:")) {
    e.kind = Endpoint::Kind::file;
    e.path = std::string(uri.substr(5));
    if (e.path.starts_with("//")) e.path = e.path.substr(2);
  } else if (uri.starts_with("serial:")) {
    e.kind = Endpoint::Kind::serial;
    std::string_view rest = uri.substr(7);
    if (auto q = rest.find('?'); q != std::string_view::npos) {
      std::string_view query = rest.substr(q + 1);
      rest = rest.substr(0, q);
      if (!query.starts_with("baud=")) return fail();
      query.remove_prefix(5);
      auto [end, ec] = std::from_chars(query.data(), query.data() + query.size(), e.baud);
      if (ec != std::errc{} || end != query.data() + query.size()) return fail();
      if (baud_constant(e.baud) == 0) {
        return std::unexpected(Error{fmt::format(
            "baud rate {} is not supported; use 9600, 19200, 38400, 57600, 115200 or 230400",
            e.baud)});
      }
    }
    e.path = std::string(rest);
  } else {
    return fail();
  }
  if (e.path.empty()) return fail();
  return e;
}

std::expected<std::unique_ptr<Transport>, Error> open_transport(std::string_view uri,
                                                                Deadline deadline) {
  auto endpoint = parse_uri(uri);
  if (!endpoint) return std::unexpected(endpoint.error());
  const Endpoint& e = *endpoint;
  switch (e.kind) {
    case Endpoint::Kind::tcp: {
      auto fd = connect_tcp(e, deadline);
      if (!fd) return std::unexpected(fd.error());
      auto t = std::make_unique<FdTransport>(*fd, fmt::format("tcp://{}:{}", e.path, e.port), true);
      t->set_socket();
      return t;
    }
    case Endpoint::Kind::usb: {
      auto fd = open_device(e, O_RDWR);
      if (!fd) return std::unexpected(fd.error());
      return std::make_unique<FdTransport>(*fd, "usb:" + e.path, true);
    }
    case Endpoint::Kind::file: {
      auto fd = open_device(e, O_WRONLY | O_CREAT | O_APPEND);
      if (!fd) return std::unexpected(fd.error());
      return std::make_unique<FdTransport>(*fd, "file:" + e.path, false);
    }
    case Endpoint::Kind::serial: {
      auto fd = open_device(e, O_RDWR);
      if (!fd) return std::unexpected(fd.error());
      termios tio{};
      if (::tcgetattr(*fd, &tio) != 0) {
        ::close(*fd);
        return std::unexpected(Error{fmt::format("{} is not a serial port", e.path)});
      }
      ::cfmakeraw(&tio);
      tio.c_cflag |= CLOCAL | CREAD;
      tio.c_cflag &= ~CRTSCTS;
      ::cfsetispeed(&tio, baud_constant(e.baud));
      ::cfsetospeed(&tio, baud_constant(e.baud));
      ::tcsetattr(*fd, TCSANOW, &tio);
      return std::make_unique<FdTransport>(*fd, fmt::format("serial:{}", e.path), true);
    }
  }
  return std::unexpected(Error{"unknown transport"});
}

}  // namespace drivers::printer
