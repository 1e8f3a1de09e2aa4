#pragma once
// Small process helpers the central suites and the fleet bench share: a process's children
// and name from /proc, and SIGPIPE ignored for a test's length (a write to a connection the
// server closed then fails instead of killing the test).
#include <signal.h>
#include <sys/types.h>

#include <fstream>
#include <string>
#include <vector>

#include <fmt/core.h>

namespace server::test {

inline std::vector<pid_t> children(pid_t pid) {
  std::vector<pid_t> out;
  std::ifstream in(fmt::format("/proc/{}/task/{}/children", pid, pid));
  pid_t child;
  while (in >> child) out.push_back(child);
  return out;
}

inline std::string comm(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/comm", pid));
  std::string name;
  std::getline(in, name);
  return name;
}

struct IgnoreSigpipe {
  struct sigaction old {};
  IgnoreSigpipe() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &old);
  }
  ~IgnoreSigpipe() { ::sigaction(SIGPIPE, &old, nullptr); }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;
};

}  // namespace server::test
