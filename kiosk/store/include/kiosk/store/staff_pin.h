#pragma once
// The staff PIN check on the terminal. The central server's config gives each terminal an
// Argon2id string made by libsodium's crypto_pwhash_str ("$argon2id$v=19$m=...,t=...,p=1$salt$
// hash", its own salt per terminal); the PIN typed on the staff screen is checked against it
// with crypto_pwhash_str_verify, which costs as much as the server's parameters say (about
// 0.5 s), so trying every 6-digit PIN takes days, and after 5 wrong PINs in a row the check
// locks for a time that grows with each lock (1, 5, 15, then 60 minutes). The count and the
// lock live in the store, so restarting the terminal does not reset them, and every attempt is
// an audit entry (never the PIN).
#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "kiosk/core/secret.h"
#include "kiosk/store/error.h"
#include "kiosk/store/time.h"

namespace kiosk::store {

class Store;

struct PinPolicy {
  int failures_before_lock = 5;
  // The n-th lock since the last accepted PIN lasts lock_steps[n-1]; the last one repeats.
  std::vector<std::chrono::minutes> lock_steps = {std::chrono::minutes(1), std::chrono::minutes(5),
                                                  std::chrono::minutes(15),
                                                  std::chrono::minutes(60)};
};

// What the staff screen shows: never a bare yes or no.
struct PinStatus {
  int failures = 0;       // wrong PINs since the last lock or accepted PIN
  int attempts_left = 0;  // before the next lock (0 while locked)
  int locks = 0;          // locks since the last accepted PIN; sets the next lock's length
  std::optional<UnixTime> locked_until;  // while locked
  bool locked() const { return locked_until.has_value(); }
};

enum class PinVerdict {
  accepted,
  wrong,
  locked,  // not checked: the lock had not run out (status says until when)
};

struct PinResult {
  PinVerdict verdict = PinVerdict::wrong;
  PinStatus status;                    // after this attempt
  std::optional<std::size_t> matched;  // accepted: which of the hashes it matched
};

class StaffPin {
 public:
  explicit StaffPin(Store& store, PinPolicy policy = {});

  std::expected<PinStatus, Error> status(UnixTime now);

  // Checks `pin` against `pin_hash`. Fails (nothing counted) when pin_hash is not an
  // Argon2id string: a fast hash is never accepted, staff mode stays closed until the server
  // sends a proper one. Takes as long as the hash's cost parameters; call it off the UI thread.
  std::expected<PinResult, Error> verify(std::string_view pin_hash, const core::Secret& pin,
                                         UnixTime now);
  // The same against each staff member's hash (the server's config has one per member); one
  // attempt however many there are. Every hash is checked, so this takes that many times as
  // long, and the time does not tell whose PIN matched.
  std::expected<PinResult, Error> verify(std::span<const std::string_view> pin_hashes,
                                         const core::Secret& pin, UnixTime now);

 private:
  Store& m_store;
  PinPolicy m_policy;
};

}  // namespace kiosk::store
