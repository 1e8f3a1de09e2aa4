#include "drivers/serial/port.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include <fmt/core.h>

#include "errors.h"

namespace drivers::serial {
namespace {

struct BaudEntry {
  unsigned baud;
  speed_t code;
};
constexpr BaudEntry kBauds[] = {
    {1200, B1200},     {2400, B2400},     {4800, B4800},     {9600, B9600},
    {19200, B19200},   {38400, B38400},   {57600, B57600},   {115200, B115200},
    {230400, B230400}, {460800, B460800}, {921600, B921600},
};

std::optional<speed_t> baud_code(unsigned baud) {
  for (const auto& entry : kBauds) {
    if (entry.baud == baud) return entry.code;
  }
  return std::nullopt;
}

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return 0;
  return left > 60'000 ? 60'000 : static_cast<int>(left);
}

std::expected<void, Error> configure(int fd, const std::string& path, unsigned baud) {
  auto code = baud_code(baud);
  if (!code) {
    return std::unexpected(Error{Error::Kind::bad_argument,
                                 fmt::format("{}: {} is not a supported baud rate", path, baud)});
  }
  termios tio{};
  if (::tcgetattr(fd, &tio) != 0) return std::unexpected(system_error(path, "read settings", errno));
  ::cfmakeraw(&tio);
  tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS | CSIZE);
  tio.c_cflag |= CS8 | CLOCAL | CREAD;
  tio.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  ::cfsetispeed(&tio, *code);
  ::cfsetospeed(&tio, *code);
  if (::tcsetattr(fd, TCSANOW, &tio) != 0) {
    return std::unexpected(system_error(path, fmt::format("set {} baud 8N1", baud), errno));
  }
  return {};
}

}  // namespace

Error system_error(const std::string& path, std::string_view action, int err) {
  Error::Kind kind = Error::Kind::io;
  std::string hint;
  switch (err) {
    case ENOENT:
      kind = Error::Kind::not_found;
      hint = "; is the reader plugged in and the path right?";
      break;
    case EACCES:
    case EPERM:
      kind = Error::Kind::permission;
      hint = "; add the kiosk user to the 'dialout' group or check the udev rule";
      break;
    case ENOTTY:
      kind = Error::Kind::not_a_tty;
      hint = "; this path is not a serial device";
      break;
    case EIO:
    case ENXIO:
    case ENODEV:
    case EBADF:
      kind = Error::Kind::disconnected;
      hint = "; the device went away (unplugged?)";
      break;
    default:
      break;
  }
  return Error{kind, fmt::format("{}: cannot {}: {}{}", path, action, std::strerror(err), hint)};
}

bool is_supported_baud(unsigned baud) { return baud_code(baud).has_value(); }

std::expected<Port, Error> Port::open(const std::string& path, unsigned baud) {
  if (!is_supported_baud(baud)) {
    return std::unexpected(Error{Error::Kind::bad_argument,
                                 fmt::format("{}: {} is not a supported baud rate", path, baud)});
  }
  int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return std::unexpected(system_error(path, "open", errno));
  Port port(fd, path, baud);
  if (!::isatty(fd)) return std::unexpected(system_error(path, "open", ENOTTY));
  if (auto ok = configure(fd, path, baud); !ok) return std::unexpected(ok.error());
  ::tcflush(fd, TCIOFLUSH);
  return port;
}

Port::Port(Port&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)), m_baud(other.m_baud) {}

Port& Port::operator=(Port&& other) noexcept {
  if (this != &other) {
    close();
    m_fd = std::exchange(other.m_fd, -1);
    m_path = std::move(other.m_path);
    m_baud = other.m_baud;
  }
  return *this;
}

Port::~Port() { close(); }

void Port::close() {
  if (m_fd >= 0) {
    ::close(m_fd);
    m_fd = -1;
  }
}

std::expected<void, Error> Port::set_baud(unsigned baud) {
  if (m_fd < 0) return std::unexpected(system_error(m_path, "set the baud rate", EBADF));
  if (auto ok = configure(m_fd, m_path, baud); !ok) return ok;
  m_baud = baud;
  return {};
}

std::expected<std::size_t, Error> Port::read_some(std::span<std::uint8_t> buffer,
                                                  Clock::time_point deadline) {
  if (m_fd < 0) return std::unexpected(system_error(m_path, "read", EBADF));
  if (buffer.empty()) return 0;
  for (;;) {
    ssize_t n = ::read(m_fd, buffer.data(), buffer.size());
    if (n > 0) return static_cast<std::size_t>(n);
    if (n == 0) {
      // A tty in raw mode with VMIN=0 returns 0 when empty, but also after a hang-up; poll
      // tells them apart below.
    } else if (errno == EINTR) {
      continue;
    } else if (errno != EAGAIN) {
      return std::unexpected(system_error(m_path, "read", errno));
    }
    pollfd pfd{m_fd, POLLIN, 0};
    int timeout = remaining_ms(deadline);
    int rc = ::poll(&pfd, 1, timeout);
    if (rc < 0) {
      if (errno == EINTR) continue;
      return std::unexpected(system_error(m_path, "wait for data", errno));
    }
    if (rc == 0) return 0;
    if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) {
      // Data may still be queued ahead of the hang-up: read it first.
      n = ::read(m_fd, buffer.data(), buffer.size());
      if (n > 0) return static_cast<std::size_t>(n);
      return std::unexpected(system_error(m_path, "read", EIO));
    }
  }
}

std::expected<void, Error> Port::write_all(std::span<const std::uint8_t> bytes,
                                           Clock::time_point deadline) {
  if (m_fd < 0) return std::unexpected(system_error(m_path, "write", EBADF));
  while (!bytes.empty()) {
    ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
    if (n > 0) {
      bytes = bytes.subspan(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN) return std::unexpected(system_error(m_path, "write", errno));
    pollfd pfd{m_fd, POLLOUT, 0};
    int rc = ::poll(&pfd, 1, remaining_ms(deadline));
    if (rc < 0 && errno != EINTR) return std::unexpected(system_error(m_path, "wait to write", errno));
    if (rc == 0) {
      return std::unexpected(Error{Error::Kind::io,
                                   fmt::format("{}: write timed out with {} bytes unsent", m_path,
                                               bytes.size())});
    }
    if (rc > 0 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))) {
      return std::unexpected(system_error(m_path, "write", EIO));
    }
  }
  return {};
}

std::expected<void, Error> Port::flush() {
  if (m_fd < 0) return std::unexpected(system_error(m_path, "flush", EBADF));
  if (::tcflush(m_fd, TCIOFLUSH) != 0) return std::unexpected(system_error(m_path, "flush", errno));
  return {};
}

std::expected<void, Error> Port::drain() {
  if (m_fd < 0) return std::unexpected(system_error(m_path, "drain", EBADF));
  if (::tcdrain(m_fd) != 0) return std::unexpected(system_error(m_path, "drain", errno));
  return {};
}

}  // namespace drivers::serial
