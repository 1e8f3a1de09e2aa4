#include "drivers/ipp/error.h"

namespace drivers::ipp {

std::string_view to_string(Error::Kind kind) {
  switch (kind) {
    case Error::Kind::bad_target: return "bad_target";
    case Error::Kind::unreachable: return "unreachable";
    case Error::Kind::refused: return "refused";
    case Error::Kind::protocol: return "protocol";
  }
  return "protocol";
}

}  // namespace drivers::ipp
