#pragma once
// Debian's ippeveprinter (cups-ipp-utils) as a real IPP Everywhere printer for tests.
// ippeveprinter 2.4.2 refuses to start without a D-Bus system bus (for Avahi), so each
// printer gets a private dbus-daemon and `-r off` (no DNS-SD adverts). The port comes from
// binding 127.0.0.1:0 and closing; a collision shows as an early exit and is retried.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "background.h"
#include "temp_dir.h"
#include "wait_until.h"

namespace a4_test {

using kiosk::testing::Background;

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

// Runs a command-line tool (pdfinfo, pdftotext, zbarimg...) and returns its output; the test
// fails when it exits non-zero.
std::string tool(const std::vector<std::string>& argv);

// A print command for ippeveprinter (-c) that reports a printer condition STATE (e.g.
// "media-empty-error"; empty: none), then holds the job for a few seconds. ippeveprinter lets
// a running command finish after Cancel-Job (the job shows processing-to-stop-point meanwhile)
// and then marks the job canceled, not completed.
std::filesystem::path holding_command(const std::filesystem::path& dir, const std::string& state);

using kiosk::testing::wait_until;

}  // namespace a4_test
