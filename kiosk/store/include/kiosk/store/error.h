#pragma once
// The error every fallible kiosk_store function returns: what happened in words an operator
// can act on (message), and the low-level detail for the log (detail). Neither ever holds
// personal data.
#include <string>
#include <utility>

namespace base::sqlite {
struct Failure;
}

namespace kiosk::store {

struct Error {
  enum class Kind {
    io,           // the file system refused (permissions, disk full, missing directory)
    damaged,      // the database or a stored value fails its checks
    key,          // the key file is missing, unreadable, too open, or does not fit the data
    schema,       // the database was written by a newer version of the software
    invalid,      // the caller passed something the store cannot accept
    not_found,    // no such claim or outbox item
    wrong_state,  // an outbox transition that the item's current state does not allow
    busy,         // another process held the database longer than the busy timeout
  };
  Error() = default;
  Error(Kind k, std::string m, std::string d = {})
      : kind(k), message(std::move(m)), detail(std::move(d)) {}
  // Implicit on purpose: a SQLite failure returned from the store becomes a store Error, its
  // result code mapped to a kind and a hint the operator can act on (sqlite.cpp).
  Error(const base::sqlite::Failure& failure);  // NOLINT(google-explicit-constructor)

  Kind kind = Kind::io;
  std::string message;
  std::string detail;
};

const char* to_string(Error::Kind kind);

}  // namespace kiosk::store
