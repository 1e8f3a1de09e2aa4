#include "drivers/serial/pty.h"

#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

#include <fmt/core.h>

#include "errors.h"

namespace drivers::serial {
namespace {
unsigned baud_from_code(speed_t code) {
  switch (code) {
    case B1200: return 1200;
    case B2400: return 2400;
    case B4800: return 4800;
    case B9600: return 9600;
    case B19200: return 19200;
    case B38400: return 38400;
    case B57600: return 57600;
    case B115200: return 115200;
    case B230400: return 230400;
    case B460800: return 460800;
    case B921600: return 921600;
    default: return 0;
  }
}

std::expected<void, Error> make_link(const std::filesystem::path& link, const std::string& target) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto status = fs::symlink_status(link, ec);
  if (!ec && fs::exists(status) && !fs::is_symlink(status)) {
    return std::unexpected(Error{
        Error::Kind::bad_argument,
        fmt::format("{} exists and is not a symlink; choose another --link path", link.string())});
  }
  // Create under a temporary name, then rename over the old link: never a moment without one.
  fs::path tmp = link;
  tmp += fmt::format(".tmp{}", ::getpid());
  fs::remove(tmp, ec);
  fs::create_symlink(target, tmp, ec);
  if (!ec) fs::rename(tmp, link, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return std::unexpected(Error{Error::Kind::io, fmt::format("cannot create symlink {} -> {}: {}",
                                                              link.string(), target, ec.message())});
  }
  return {};
}
}  // namespace

std::expected<Pty, Error> Pty::create(const std::filesystem::path& link) {
  Pty pty;
  pty.m_master = ::posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (pty.m_master < 0) return std::unexpected(system_error("/dev/ptmx", "open", errno));
  if (::grantpt(pty.m_master) != 0 || ::unlockpt(pty.m_master) != 0) {
    return std::unexpected(system_error("/dev/ptmx", "unlock the pty", errno));
  }
  char name[128];
  if (::ptsname_r(pty.m_master, name, sizeof name) != 0) {
    return std::unexpected(system_error("/dev/ptmx", "name the pty", errno));
  }
  pty.m_slave_path = name;
  pty.m_slave = ::open(name, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (pty.m_slave < 0) return std::unexpected(system_error(name, "open", errno));
  termios tio{};
  if (::tcgetattr(pty.m_slave, &tio) != 0) return std::unexpected(system_error(name, "read settings", errno));
  ::cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;
  ::cfsetispeed(&tio, B115200);
  ::cfsetospeed(&tio, B115200);
  if (::tcsetattr(pty.m_slave, TCSANOW, &tio) != 0) {
    return std::unexpected(system_error(name, "set raw mode", errno));
  }
  if (!link.empty()) {
    if (auto ok = make_link(link, pty.m_slave_path); !ok) return std::unexpected(ok.error());
    pty.m_link = link;
  }
  return pty;
}

Pty::Pty(Pty&& other) noexcept
    : m_master(std::exchange(other.m_master, -1)),
      m_slave(std::exchange(other.m_slave, -1)),
      m_slave_path(std::move(other.m_slave_path)),
      m_link(std::exchange(other.m_link, {})) {}

Pty& Pty::operator=(Pty&& other) noexcept {
  if (this != &other) {
    close();
    m_master = std::exchange(other.m_master, -1);
    m_slave = std::exchange(other.m_slave, -1);
    m_slave_path = std::move(other.m_slave_path);
    m_link = std::exchange(other.m_link, {});
  }
  return *this;
}

Pty::~Pty() { close(); }

void Pty::close() {
  if (!m_link.empty()) {
    // Only our own link: a newer simulator may already have pointed it elsewhere.
    std::error_code ec;
    auto target = std::filesystem::read_symlink(m_link, ec);
    if (!ec && target == m_slave_path) std::filesystem::remove(m_link, ec);
    m_link.clear();
  }
  if (m_slave >= 0) ::close(std::exchange(m_slave, -1));
  if (m_master >= 0) ::close(std::exchange(m_master, -1));
}

unsigned Pty::peer_baud() const {
  termios tio{};
  // The slave's settings are the ones the driver changed; all openers of the slave share them.
  if (m_slave < 0 || ::tcgetattr(m_slave, &tio) != 0) return 0;
  return baud_from_code(::cfgetispeed(&tio));
}

}  // namespace drivers::serial
