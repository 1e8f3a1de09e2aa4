#pragma once
// Where a job goes: an "ipp://host:port/path" (or ipps://) URI straight to a printer, or the
// name of a queue on the local CUPS server. Parsing only; no connection.
#include <expected>
#include <string>
#include <string_view>

#include "drivers/ipp/error.h"

namespace drivers::ipp {

struct Target {
  enum class Kind { uri, cups_queue };
  Kind kind = Kind::uri;
  bool encrypted = false;  // ipps://
  std::string host;        // empty for a CUPS queue: the client asks libcups for the server
  int port = 631;
  std::string resource;     // "/ipp/print", "/printers/Office_A4"
  std::string printer_uri;  // the printer-uri attribute sent in requests
  std::string display;      // what messages name: the URI or "CUPS queue Office_A4"
};

// "ipp://127.0.0.1:8631/ipp/print", "ipps://printer.local/ipp/print", "Office_A4".
// A queue name is letters, digits, '_', '-' and '.', at most 127 bytes.
std::expected<Target, Error> parse_target(std::string_view text);

}  // namespace drivers::ipp
