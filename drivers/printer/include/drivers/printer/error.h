#pragma once
// The one error type of the printer driver: a sentence a person can act on.
#include <string>

namespace drivers::printer {

struct Error {
  std::string message;
};

}  // namespace drivers::printer
