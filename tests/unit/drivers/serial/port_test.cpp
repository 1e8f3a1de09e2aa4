#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "drivers/serial/port.h"
#include "drivers/serial/pty.h"
#include "temp_dir.h"

using namespace drivers::serial;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {
// In this process's own mkdtemp directory: no clash with another run of the suite.
fs::path temp_link(const std::string& name) {
  static kiosk::testing::TempDir dir("kiosk-serial-test");
  return dir.path() / name;
}

std::string read_master(int fd, std::size_t want) {
  std::string out;
  auto deadline = Clock::now() + 2s;
  while (out.size() < want && Clock::now() < deadline) {
    pollfd pfd{fd, POLLIN, 0};
    if (::poll(&pfd, 1, 100) <= 0) continue;
    char buf[256];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}
}  // namespace

TEST_CASE("a pty pair carries bytes both ways through the symlink, unchanged") {
  auto link = temp_link("both-ways");
  auto pty = Pty::create(link);
  REQUIRE(pty);
  CHECK(fs::is_symlink(link));
  CHECK(pty->path() == link.string());
  auto port = Port::open(pty->path(), 115200);
  REQUIRE(port);

  // Bytes a line discipline would mangle: CR, LF, XON/XOFF, DEL, NUL, 0xFF.
  const std::array<std::uint8_t, 8> bytes{0x0D, 0x0A, 0x11, 0x13, 0x7F, 0x00, 0xFF, 0x03};
  REQUIRE(::write(pty->master_fd(), bytes.data(), bytes.size()) == 8);
  std::array<std::uint8_t, 16> got{};
  std::size_t total = 0;
  while (total < 8) {
    auto n = port->read_some(std::span(got).subspan(total), Clock::now() + 1s);
    REQUIRE(n);
    REQUIRE(*n > 0);
    total += *n;
  }
  CHECK(std::equal(bytes.begin(), bytes.end(), got.begin()));

  REQUIRE(port->write_all(bytes, Clock::now() + 1s));
  auto echoed = read_master(pty->master_fd(), 8);
  CHECK(echoed == std::string(reinterpret_cast<const char*>(bytes.data()), 8));
}

TEST_CASE("read_some returns 0 at the deadline when nothing arrives") {
  auto pty = Pty::create();
  REQUIRE(pty);
  auto port = Port::open(pty->slave_path(), 9600);
  REQUIRE(port);
  std::array<std::uint8_t, 8> buf{};
  auto start = Clock::now();
  auto n = port->read_some(buf, start + 80ms);
  auto waited = Clock::now() - start;
  REQUIRE(n);
  CHECK(*n == 0);
  CHECK(waited >= 75ms);
  // Bounds a read that ignores its deadline (it would block until bytes came); generous
  // for ASan and a loaded machine, not a measurement.
  CHECK(waited < 5s);
}

TEST_CASE("the driver's baud rate is visible to the simulator's side") {
  auto pty = Pty::create();
  REQUIRE(pty);
  auto port = Port::open(pty->slave_path(), 115200);
  REQUIRE(port);
  CHECK(pty->peer_baud() == 115200);
  REQUIRE(port->set_baud(9600));
  CHECK(port->baud() == 9600);
  CHECK(pty->peer_baud() == 9600);
}

TEST_CASE("open explains missing devices, files that are not ttys and bad rates") {
  auto missing = Port::open("/nonexistent/ttyUSB9", 115200);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == Error::Kind::not_found);
  CHECK(missing.error().message.find("/nonexistent/ttyUSB9") != std::string::npos);

  auto file = temp_link("plain-file");
  std::ofstream(file) << "not a tty";
  auto plain = Port::open(file.string(), 115200);
  REQUIRE_FALSE(plain);
  CHECK(plain.error().kind == Error::Kind::not_a_tty);

  auto pty = Pty::create();
  REQUIRE(pty);
  auto odd = Port::open(pty->slave_path(), 12345);
  REQUIRE_FALSE(odd);
  CHECK(odd.error().kind == Error::Kind::bad_argument);
  CHECK_FALSE(is_supported_baud(12345));
  CHECK(is_supported_baud(57600));

  // A symlink must never replace a regular file.
  auto clobber = Pty::create(file);
  REQUIRE_FALSE(clobber);
  CHECK(fs::is_regular_file(file));
  fs::remove(file);
}

TEST_CASE("closing the pty is a disconnect for the driver and removes the symlink") {
  auto link = temp_link("unplug");
  auto pty = Pty::create(link);
  REQUIRE(pty);
  auto port = Port::open(link.string(), 115200);
  REQUIRE(port);
  pty->close();
  CHECK_FALSE(fs::exists(fs::symlink_status(link)));
  std::array<std::uint8_t, 8> buf{};
  auto n = port->read_some(buf, Clock::now() + 500ms);
  REQUIRE_FALSE(n);
  CHECK(n.error().kind == Error::Kind::disconnected);
  auto again = Port::open(link.string(), 115200);
  REQUIRE_FALSE(again);
  CHECK(again.error().kind == Error::Kind::not_found);
}

TEST_CASE("flush drops bytes that arrived before it") {
  auto pty = Pty::create();
  REQUIRE(pty);
  auto port = Port::open(pty->slave_path(), 115200);
  REQUIRE(port);
  const std::uint8_t stale[3] = {1, 2, 3};
  REQUIRE(::write(pty->master_fd(), stale, 3) == 3);
  // The pty delivers asynchronously: wait until the bytes are readable on the slave side
  // (a second descriptor on the same tty sees the same input queue; poll does not consume).
  int watch = ::open(pty->slave_path().c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  REQUIRE(watch >= 0);
  pollfd pfd{watch, POLLIN, 0};
  int ready = ::poll(&pfd, 1, 10'000);
  ::close(watch);
  REQUIRE(ready == 1);
  REQUIRE(port->flush());
  std::array<std::uint8_t, 8> buf{};
  auto n = port->read_some(buf, Clock::now() + 50ms);
  REQUIRE(n);
  CHECK(*n == 0);
}

TEST_CASE("wire_time is 10 bits a byte") {
  CHECK(wire_time(1295, 115200) == std::chrono::microseconds(112413));
  CHECK(wire_time(1, 9600) == std::chrono::microseconds(1041));
}
