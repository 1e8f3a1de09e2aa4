#pragma once
// The IPP driver's error: what kind, and a sentence a person can act on.
#include <string>
#include <string_view>

namespace drivers::ipp {

struct Error {
  enum class Kind {
    bad_target,   // the URI or queue name cannot name a printer
    unreachable,  // no connection (printer off, wrong address, CUPS not running)
    refused,      // the printer answered and said no (format, attributes, not accepting jobs)
    protocol,     // the answer was not what IPP promises
  };
  Kind kind = Kind::protocol;
  std::string message;
};

std::string_view to_string(Error::Kind kind);  // "bad_target", ...

}  // namespace drivers::ipp
