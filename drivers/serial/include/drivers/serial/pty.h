#pragma once
// A pseudo-terminal pair for device simulators: the simulator owns the master side, the
// driver opens the slave by path, exactly as it opens /dev/ttyUSB0. An optional symlink
// gives the slave a stable name (ptys get a new /dev/pts/N each time).
#include <expected>
#include <filesystem>
#include <string>

#include "drivers/serial/port.h"

namespace drivers::serial {

class Pty {
 public:
  // Creates a raw (no echo, no line discipline) pty pair. With LINK, a symlink LINK ->
  // /dev/pts/N is created (replacing an older symlink, never a regular file).
  static std::expected<Pty, Error> create(const std::filesystem::path& link = {});

  Pty(Pty&& other) noexcept;
  Pty& operator=(Pty&& other) noexcept;
  Pty(const Pty&) = delete;
  Pty& operator=(const Pty&) = delete;
  // Closes both sides (the driver sees a hang-up) and removes the symlink.
  ~Pty();

  int master_fd() const { return m_master; }
  const std::string& slave_path() const { return m_slave_path; }
  // The symlink if one was asked for, else the slave path: what a driver should open.
  std::string path() const { return m_link.empty() ? m_slave_path : m_link.string(); }
  // The rate the driver set on its side (ptys carry termios but not the timing).
  unsigned peer_baud() const;

  void close();

 private:
  Pty() = default;
  int m_master = -1;
  int m_slave = -1;  // kept open so that the master never reads EIO between driver opens
  std::string m_slave_path;
  std::filesystem::path m_link;
};

}  // namespace drivers::serial
