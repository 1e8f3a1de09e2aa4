#pragma once
// A program that a test runs beside itself (a printer, a simulator, a bus), in its own
// process group so that stopping it also stops what it started. Its standard output and
// error go to a log file that the test can read while it runs (the line that names the port
// it bound, for one). run_process() (process.h) is for programs that the test waits for.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "wait_until.h"

extern char** environ;

namespace kiosk::testing {

class Background {
 public:
  Background() = default;
  // Starts ARGV (looked up in PATH) with the test's environment plus ENV_EXTRA ("NAME=value").
  Background(const std::vector<std::string>& argv, const std::vector<std::string>& env_extra,
             const std::filesystem::path& log)
      : m_log(log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
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
      throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(spawned) +
                               " (install it: deploy/packages.txt)");
    }
  }
  ~Background() { stop(); }
  Background(Background&& other) noexcept { *this = std::move(other); }
  Background& operator=(Background&& other) noexcept {
    if (this != &other) {
      stop();
      m_pid = std::exchange(other.m_pid, -1);
      m_exit_code = other.m_exit_code;
      m_log = std::move(other.m_log);
    }
    return *this;
  }

  // False once the program has ended (it is then reaped, and whatever it started is killed).
  bool running() {
    if (m_pid <= 0) return false;
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) != m_pid) return true;
    ::kill(-m_pid, SIGKILL);
    m_exit_code = WIFEXITED(status) ? std::optional(WEXITSTATUS(status)) : std::nullopt;
    m_pid = -1;
    return false;
  }
  // SIGKILL to the group, without waiting for a clean exit.
  void kill_now() {
    if (m_pid <= 0) return;
    ::kill(-m_pid, SIGKILL);
    while (waitpid(m_pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    m_pid = -1;
    m_exit_code.reset();
  }
  // SIGTERM to the group, SIGKILL if it has not ended after GRACE. Returns the exit code
  // when the program exited by itself (nullopt when a signal ended it).
  std::optional<int> stop(std::chrono::milliseconds grace = std::chrono::milliseconds(5000)) {
    if (m_pid > 0) {
      ::kill(-m_pid, SIGTERM);
      if (!wait_until([&] { return !running(); }, grace)) kill_now();
    }
    return m_exit_code;
  }
  pid_t pid() const { return m_pid; }
  // What the program has written so far.
  std::string log() const {
    std::ifstream in(m_log);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  pid_t m_pid = -1;
  std::optional<int> m_exit_code;
  std::filesystem::path m_log;
};

}  // namespace kiosk::testing
