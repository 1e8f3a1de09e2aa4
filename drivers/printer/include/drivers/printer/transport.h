#pragma once
// The byte pipe to a printer, chosen by URI:
//   usb:/dev/usb/lp0                USB printer class (usblp), bidirectional on protocol 2
//   serial:/dev/ttyUSB0?baud=115200 RS-232, USB-serial or CDC-ACM, raw 8N1
//   tcp://host:9100                 raw TCP (network printers, the virtual printer)
//   file:/path                      appends the bytes to a file; no status comes back
// Everything is non-blocking with poll() against a deadline: a printer that stops taking
// data (paper out, cover open) makes a write fail at the deadline instead of hanging.
#include <chrono>
#include <cstdint>
#include <expected>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "drivers/printer/error.h"

namespace drivers::printer {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

inline Deadline deadline_in(std::chrono::milliseconds ms) { return Clock::now() + ms; }

class Transport {
 public:
  virtual ~Transport() = default;
  // All bytes, or an error when the deadline passes or the device fails.
  virtual std::expected<void, Error> write(std::span<const std::uint8_t> bytes,
                                           Deadline deadline) = 0;
  // Waits until at least one byte arrives or the deadline passes; returns how many were
  // read, 0 at the deadline. Errors when the device failed or the peer closed.
  virtual std::expected<std::size_t, Error> read(std::span<std::uint8_t> buffer,
                                                 Deadline deadline) = 0;
  // Throws away bytes already waiting (stale status replies); returns how many.
  virtual std::size_t drain() = 0;
  // False for file: (nothing ever comes back).
  virtual bool bidirectional() const = 0;
  virtual std::string describe() const = 0;
};

struct Endpoint {
  enum class Kind { usb, serial, tcp, file };
  Kind kind = Kind::tcp;
  std::string path;  // device or file path; host for tcp
  int port = 9100;   // tcp
  int baud = 115200; // serial
};

// The error names the URI forms when the text is none of them.
std::expected<Endpoint, Error> parse_uri(std::string_view uri);

// Opens the device; a TCP connect waits at most until the deadline.
std::expected<std::unique_ptr<Transport>, Error> open_transport(std::string_view uri,
                                                                Deadline deadline);

}  // namespace drivers::printer
