#pragma once
// A serial port through termios: 8N1, raw, no flow control, non-blocking. Reads wait for
// data until a deadline; writes send every byte or fail. The port is a move-only owner of
// its file descriptor.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <string>

namespace drivers::serial {

using Clock = std::chrono::steady_clock;

struct Error {
  enum class Kind {
    not_found,     // no such device or path
    permission,    // the kiosk user may not open it (group dialout?)
    not_a_tty,     // the path exists but is not a serial device
    bad_argument,  // unsupported baud rate and the like
    disconnected,  // the device went away (USB unplug, pty master closed)
    io,            // any other system error
  };
  Kind kind = Kind::io;
  std::string message;
};

// The rates termios can set; others are rejected with bad_argument.
bool is_supported_baud(unsigned baud);

class Port {
 public:
  // Opens PATH (a device node or a symlink to one) as a raw 8N1 port at BAUD.
  static std::expected<Port, Error> open(const std::string& path, unsigned baud);

  Port(Port&& other) noexcept;
  Port& operator=(Port&& other) noexcept;
  Port(const Port&) = delete;
  Port& operator=(const Port&) = delete;
  ~Port();

  std::expected<void, Error> set_baud(unsigned baud);
  unsigned baud() const { return m_baud; }
  const std::string& path() const { return m_path; }

  // Reads what is available, waiting until DEADLINE for the first byte. Returns the count
  // read; 0 means the deadline passed with nothing to read.
  std::expected<std::size_t, Error> read_some(std::span<std::uint8_t> buffer,
                                              Clock::time_point deadline);
  // Writes every byte, waiting for room until DEADLINE.
  std::expected<void, Error> write_all(std::span<const std::uint8_t> bytes,
                                       Clock::time_point deadline);
  // Drops bytes received but not read yet (stale replies) and bytes not yet sent.
  std::expected<void, Error> flush();
  // Waits until every byte written has left the UART.
  std::expected<void, Error> drain();

  void close();
  bool is_open() const { return m_fd >= 0; }

 private:
  Port(int fd, std::string path, unsigned baud) : m_fd(fd), m_path(std::move(path)), m_baud(baud) {}
  int m_fd = -1;
  std::string m_path;
  unsigned m_baud = 0;
};

// The time BYTES need on an 8N1 line at BAUD (10 bits a byte).
constexpr std::chrono::microseconds wire_time(std::size_t bytes, unsigned baud) {
  return std::chrono::microseconds(baud == 0 ? 0 : bytes * 10ULL * 1'000'000ULL / baud);
}

}  // namespace drivers::serial
