#include "ipp_peer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include <fmt/core.h>

#include "drivers/ipp/client.h"
#include "process.h"

namespace a4_test {

std::string tool(const std::vector<std::string>& argv) {
  kiosk::testing::ProcessOptions options;
  options.timeout = std::chrono::seconds(30);
  auto result = kiosk::testing::run_process(argv, options);
  INFO(argv[0] << ": " << result.err);
  REQUIRE(result.exit_code == 0);
  return result.out;
}

std::filesystem::path holding_command(const std::filesystem::path& dir, const std::string& state) {
  auto path = dir / "hold.sh";
  std::ofstream out(path);
  out << "#!/bin/sh\n";
  if (!state.empty()) out << "echo 'STATE: +" << state << "' >&2\n";
  out << "exec sleep 4\n";
  out.close();
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  return path;
}

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot bind 127.0.0.1:0");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

IppPeer::IppPeer(PrinterSetup setup) {
  std::filesystem::create_directory(spool());
  const auto bus_socket = m_dir.path() / "bus";
  const std::string bus_address = "unix:path=" + bus_socket.string();
  m_bus = Background(
      {"dbus-daemon", "--session", "--nofork", "--nopidfile", "--address=" + bus_address}, {},
      m_dir.path() / "dbus.log");
  if (!wait_until([&] { return std::filesystem::exists(bus_socket); }, std::chrono::seconds(10))) {
    throw std::runtime_error("the private dbus-daemon did not start: see " +
                             (m_dir.path() / "dbus.log").string());
  }
  for (int attempt = 0; attempt < 5; ++attempt) {
    m_port = free_port();
    std::vector<std::string> argv{
        "ippeveprinter", "-d", spool().string(),       "-k", "-r",
        "off",           "-p", std::to_string(m_port), "-f", "application/pdf"};
    if (setup.command) {
      argv.push_back("-c");
      argv.push_back(setup.command->string());
    }
    argv.push_back("Test A4");
    m_printer =
        Background(argv, {"DBUS_SYSTEM_BUS_ADDRESS=" + bus_address}, m_dir.path() / "printer.log");
    m_uri = fmt::format("ipp://127.0.0.1:{}/ipp/print", m_port);
    auto client =
        drivers::ipp::Client::open(m_uri, {.connect_timeout = std::chrono::milliseconds(500)});
    bool ready = wait_until([&] { return !m_printer.running() || client->status().has_value(); },
                            std::chrono::seconds(15));
    if (ready && m_printer.running()) return;
    m_printer.stop();  // the port was taken meanwhile (or it failed): try another
  }
  throw std::runtime_error("ippeveprinter did not start: see " + log());
}

IppPeer::~IppPeer() {
  m_printer.stop();
  m_bus.stop();
}

std::vector<std::filesystem::path> IppPeer::kept(const std::string& extension) const {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(spool())) {
    if (entry.path().extension() == extension) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string IppPeer::log() const {
  return m_printer.log();
}

}  // namespace a4_test
