#include <catch2/catch.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include <fmt/core.h>

#include "drivers/printer/transport.h"
#include "temp_dir.h"

using namespace drivers::printer;
using namespace std::chrono_literals;

TEST_CASE("device URIs") {
  auto usb = parse_uri("usb:/dev/usb/lp0");
  REQUIRE(usb);
  CHECK(usb->kind == Endpoint::Kind::usb);
  CHECK(usb->path == "/dev/usb/lp0");
  auto serial = parse_uri("serial:/dev/ttyUSB0?baud=9600");
  REQUIRE(serial);
  CHECK(serial->baud == 9600);
  CHECK(parse_uri("serial:/dev/ttyS0")->baud == 115200);
  auto tcp = parse_uri("tcp://192.168.1.50:9100");
  REQUIRE(tcp);
  CHECK(tcp->path == "192.168.1.50");
  CHECK(tcp->port == 9100);
  CHECK(parse_uri("tcp://printer")->port == 9100);
  CHECK(parse_uri("tcp://[::1]:9101")->path == "::1");
  CHECK(parse_uri("file:/tmp/x.bin")->path == "/tmp/x.bin");
  for (const char* bad : {"lp0", "tcp://host:99999", "tcp://:9100", "serial:/dev/ttyS0?baud=12345",
                          "usb:", "http://x"}) {
    INFO(bad);
    auto parsed = parse_uri(bad);
    CHECK_FALSE(parsed);
  }
  CHECK(parse_uri("lp0").error().message.find("usb:/dev/usb/lp0") != std::string::npos);
}

TEST_CASE("file: appends bytes and has no back channel") {
  kiosk::testing::TempDir dir("kiosk-printer-transport");
  std::string path = (dir.path() / "out.bin").string();
  for (int i = 0; i < 2; ++i) {
    auto t = open_transport("file:" + path, deadline_in(1s));
    REQUIRE(t);
    CHECK_FALSE((*t)->bidirectional());
    std::vector<std::uint8_t> bytes{'A', 'B'};
    REQUIRE((*t)->write(bytes, deadline_in(1s)));
    std::array<std::uint8_t, 4> buffer{};
    CHECK((*t)->read(buffer, deadline_in(10ms)).value() == 0);
  }
  std::ifstream in(path);
  std::string content;
  in >> content;
  CHECK(content == "ABAB");
}

TEST_CASE("a missing device and a closed port give errors a person can act on") {
  auto missing = open_transport("usb:/dev/usb/lp99", deadline_in(1s));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("plugged in") != std::string::npos);
  auto refused = open_transport("tcp://127.0.0.1:1", deadline_in(1s));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("cannot connect") != std::string::npos);
}

TEST_CASE("a peer that stops reading makes a write fail at the deadline, not hang") {
  int server = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::listen(server, 1) == 0);
  socklen_t len = sizeof addr;
  ::getsockname(server, reinterpret_cast<sockaddr*>(&addr), &len);
  auto t = open_transport(fmt::format("tcp://127.0.0.1:{}", ntohs(addr.sin_port)), deadline_in(1s));
  REQUIRE(t);
  std::vector<std::uint8_t> big(64 * 1024 * 1024, 0);  // far more than the socket buffers
  auto start = Clock::now();
  auto written = (*t)->write(big, deadline_in(300ms));
  auto took = Clock::now() - start;
  REQUIRE_FALSE(written);
  CHECK(written.error().message.find("stopped taking data") != std::string::npos);
  CHECK(took < 15s);  // not hung: the deadline is 300 ms, the rest is room for a loaded machine
  std::array<std::uint8_t, 4> buffer{};
  CHECK((*t)->read(buffer, deadline_in(50ms)).value() == 0);
  ::close(server);
}

TEST_CASE("serial: raw bytes both ways over a pseudo-terminal") {
  int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(master >= 0);
  REQUIRE(::grantpt(master) == 0);
  REQUIRE(::unlockpt(master) == 0);
  std::string slave = ::ptsname(master);
  auto t = open_transport("serial:" + slave + "?baud=9600", deadline_in(1s));
  REQUIRE(t);
  CHECK((*t)->bidirectional());
  std::vector<std::uint8_t> query{0x10, 0x04, 0x01};  // bytes a cooked tty would mangle
  REQUIRE((*t)->write(query, deadline_in(1s)));
  std::array<std::uint8_t, 8> got{};
  ssize_t n = ::read(master, got.data(), got.size());
  REQUIRE(n == 3);
  CHECK(std::vector<std::uint8_t>(got.begin(), got.begin() + 3) == query);
  std::uint8_t reply = 0x12;
  REQUIRE(::write(master, &reply, 1) == 1);
  std::array<std::uint8_t, 4> buffer{};
  auto read = (*t)->read(buffer, deadline_in(1s));
  REQUIRE(read);
  CHECK(*read == 1);
  CHECK(buffer[0] == 0x12);
  REQUIRE(::write(master, &reply, 1) == 1);
  // A stale reply is thrown away before the next query; wait until it has arrived.
  std::size_t drained = 0;
  for (auto until = Clock::now() + 20s; drained == 0 && Clock::now() < until;) {
    drained += (*t)->drain();
    if (drained == 0) std::this_thread::sleep_for(2ms);
  }
  CHECK(drained == 1);
  ::close(master);
}
