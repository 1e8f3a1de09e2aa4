#pragma once
// The error every fallible function of drivers_idcard returns: a kind to branch on and a
// message a person can act on.
#include <cstdint>
#include <string>

namespace drivers::idcard {

struct Error {
  enum class Kind {
    port,          // the port cannot be opened or went away: the reader is offline
    no_reader,     // the port opened but no reader answered at any rate
    timeout,       // no complete reply before the command's deadline
    frame,         // a reply with a bad checksum or length
    status,        // the reader answered with a failure SW3 (see `sw3`)
    no_card,       // find card answered 0x80: no card, or the card read last is still there
    data,          // the card's data does not decode
    bad_argument,  // a caller's mistake (unsupported baud rate, bad fixture file)
  };
  Kind kind = Kind::data;
  std::string message;
  std::uint8_t sw3 = 0;  // for Kind::status
};

}  // namespace drivers::idcard
