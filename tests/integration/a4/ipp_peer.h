#pragma once
// Debian's ippeveprinter (cups-ipp-utils) as a real IPP Everywhere printer for tests.
// ippeveprinter 2.4.2 refuses to start without a D-Bus system bus (for Avahi), so each
// printer gets a private dbus-daemon and `-r off` (no DNS-SD adverts). The port comes from
// binding 127.0.0.1:0 and closing; a collision shows as an early exit and is retried.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace a4_test {

// A background process in its own process group: stop() ends the group (the printer's
// print command too). Its output goes to a log file.
class Background {
 public:
  Background() = default;
  Background(const std::vector<std::string>& argv, const std::vector<std::string>& env_extra,
             const std::filesystem::path& log);
  ~Background() { stop(); }
  Background(Background&& other) noexcept : m_pid(other.m_pid) { other.m_pid = -1; }
  Background& operator=(Background&& other) noexcept;

  bool running();   // reaps the process when it has exited
  void kill_now();  // SIGKILL to the group, without waiting for a clean exit
  void stop();      // SIGTERM, then SIGKILL after 2 s; reaps
  pid_t pid() const { return m_pid; }

 private:
  pid_t m_pid = -1;
};

struct PrinterSetup {
  std::optional<std::filesystem::path> command;  // ippeveprinter -c: runs for each job
};

class IppPeer {
 public:
  explicit IppPeer(PrinterSetup setup = {});
  ~IppPeer();

  const std::string& uri() const { return m_uri; }
  int port() const { return m_port; }
  std::filesystem::path spool() const { return m_dir.path() / "spool"; }
  const std::filesystem::path& dir() const { return m_dir.path(); }
  // The documents ippeveprinter kept (-k), sorted by name.
  std::vector<std::filesystem::path> kept(const std::string& extension = ".pdf") const;
  std::string log() const;
  void kill_now() { m_printer.kill_now(); }

 private:
  kiosk::testing::TempDir m_dir{"kiosk-a4"};
  Background m_bus;
  Background m_printer;
  std::string m_uri;
  int m_port = 0;
};

// A port that was free a moment ago on 127.0.0.1.
int free_port();

// Waits up to `limit` for `done()`, polling every 20 ms.
template <typename F>
bool wait_for(F done, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    struct timespec pause {
      0, 20'000'000
    };
    nanosleep(&pause, nullptr);
  }
  return done();
}

}  // namespace a4_test
