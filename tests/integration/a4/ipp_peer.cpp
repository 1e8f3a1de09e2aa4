#include "ipp_peer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/core.h>

#include "drivers/ipp/client.h"

extern char** environ;

// Fontconfig keeps its caches until exit (lsan.supp lists it too, but the ENVIRONMENT that
// carries LSAN_OPTIONS does not reach discovered tests: see the report of issue 14).
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig\n";
}

namespace a4_test {

Background::Background(const std::vector<std::string>& argv,
                       const std::vector<std::string>& env_extra,
                       const std::filesystem::path& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);

  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  env_strings.insert(env_strings.end(), env_extra.begin(), env_extra.end());
  std::vector<char*> env;
  for (auto& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int spawned = posix_spawnp(&m_pid, args[0], &actions, &attributes, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) {
    m_pid = -1;
    throw std::runtime_error(fmt::format("cannot start {}: {} (install it: deploy/packages.txt)",
                                         argv[0], std::strerror(spawned)));
  }
}

Background& Background::operator=(Background&& other) noexcept {
  if (this != &other) {
    stop();
    m_pid = other.m_pid;
    other.m_pid = -1;
  }
  return *this;
}

bool Background::running() {
  if (m_pid <= 0) return false;
  int status = 0;
  if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
    ::kill(-m_pid, SIGKILL);  // whatever it started
    m_pid = -1;
    return false;
  }
  return true;
}

void Background::kill_now() {
  if (m_pid <= 0) return;
  ::kill(-m_pid, SIGKILL);
  waitpid(m_pid, nullptr, 0);
  m_pid = -1;
}

void Background::stop() {
  if (m_pid <= 0) return;
  ::kill(-m_pid, SIGTERM);
  bool exited = wait_for([&] { return !running(); }, std::chrono::milliseconds(2000));
  if (!exited) kill_now();
  m_pid = -1;
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
  if (!wait_for([&] { return std::filesystem::exists(bus_socket); }, std::chrono::seconds(10))) {
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
    bool ready = wait_for([&] { return !m_printer.running() || client->status().has_value(); },
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
  std::ifstream in(m_dir.path() / "printer.log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace a4_test
