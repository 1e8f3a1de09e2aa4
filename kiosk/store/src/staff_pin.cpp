#include "kiosk/store/staff_pin.h"

#include <algorithm>
#include <charconv>

#include <fmt/core.h>
#include <sodium.h>

#include "store_impl.h"

namespace kiosk::store {
namespace {
constexpr std::string_view kFailures = "staff_pin.failures";
constexpr std::string_view kLocks = "staff_pin.locks";
constexpr std::string_view kLockedUntil = "staff_pin.locked_until_ms";
constexpr std::string_view kArgon2id = "$argon2id$";

struct Counters {
  std::int64_t failures = 0;
  std::int64_t locks = 0;
  std::int64_t locked_until_ms = 0;
};

std::expected<std::int64_t, Error> read_number(sqlite3* db, std::string_view key) {
  auto s = sql::Statement::prepare(db, "SELECT value FROM settings WHERE key = ?");
  if (!s) return std::unexpected(s.error());
  s->bind(1, key);
  auto row = s->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return 0;
  const std::string text = s->column_text(0);
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // An unreadable counter must not unlock: treat it as the worst case.
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return INT64_MAX / 2;
  return value;
}

std::expected<Counters, Error> read_counters(sqlite3* db) {
  auto failures = read_number(db, kFailures);
  if (!failures) return std::unexpected(failures.error());
  auto locks = read_number(db, kLocks);
  if (!locks) return std::unexpected(locks.error());
  auto until = read_number(db, kLockedUntil);
  if (!until) return std::unexpected(until.error());
  return Counters{*failures, *locks, *until};
}

std::expected<void, Error> write_counters(sqlite3* db, const Counters& c) {
  auto s = sql::Statement::prepare(
      db,
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
      "excluded.value");
  if (!s) return std::unexpected(s.error());
  for (const auto& [key, value] : {std::pair{kFailures, c.failures}, std::pair{kLocks, c.locks},
                                   std::pair{kLockedUntil, c.locked_until_ms}}) {
    s->reset();
    s->bind(1, key).bind(2, std::to_string(value));
    if (auto ok = s->run(); !ok) return ok;
  }
  return {};
}

PinStatus to_status(const Counters& c, const PinPolicy& policy, std::int64_t now_ms) {
  PinStatus status;
  status.failures =
      static_cast<int>(std::min<std::int64_t>(c.failures, policy.failures_before_lock));
  status.locks = static_cast<int>(std::min<std::int64_t>(c.locks, 1'000'000));
  if (c.locked_until_ms > now_ms) {
    status.locked_until = from_unix_ms(c.locked_until_ms);
  } else {
    status.attempts_left = std::max(0, policy.failures_before_lock - status.failures);
  }
  return status;
}

std::chrono::minutes lock_length(const PinPolicy& policy, std::int64_t locks) {
  if (policy.lock_steps.empty()) return std::chrono::minutes(60);
  const auto index = static_cast<std::size_t>(std::clamp<std::int64_t>(
      locks - 1, 0, static_cast<std::int64_t>(policy.lock_steps.size()) - 1));
  return policy.lock_steps[index];
}

// Records one attempt and its audit entry in one transaction.
std::expected<void, Error> record(sqlite3* db, const Counters& c, std::string_view event,
                                  const std::string& detail, std::int64_t now_ms) {
  auto tx = sql::Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  if (auto ok = write_counters(db, c); !ok) return ok;
  if (auto ok = append_audit(db, event, detail, now_ms); !ok) return ok;
  return tx->commit();
}
}  // namespace

StaffPin::StaffPin(Store& store, PinPolicy policy) : m_store(store), m_policy(std::move(policy)) {}

std::expected<PinStatus, Error> StaffPin::status(UnixTime at) {
  const std::int64_t now_ms = unix_ms(at);
  std::lock_guard lock(m_store.m_impl->mutex);
  auto counters = read_counters(m_store.m_impl->db);
  if (!counters) return std::unexpected(counters.error());
  return to_status(*counters, m_policy, now_ms);
}

std::expected<PinResult, Error> StaffPin::verify(std::string_view pin_hash, const core::Secret& pin,
                                                 UnixTime at) {
  const std::string_view hashes[] = {pin_hash};
  return verify(hashes, pin, at);
}

std::expected<PinResult, Error> StaffPin::verify(std::span<const std::string_view> pin_hashes,
                                                 const core::Secret& pin, UnixTime at) {
  const std::int64_t now_ms = unix_ms(at);
  sqlite3* db = m_store.m_impl->db;
  const bool all_argon2id =
      !pin_hashes.empty() && std::all_of(pin_hashes.begin(), pin_hashes.end(), [](auto hash) {
        return hash.starts_with(kArgon2id) && hash.size() < crypto_pwhash_STRBYTES;
      });
  if (!all_argon2id) {
    {
      std::lock_guard lock(m_store.m_impl->mutex);
      auto tx = sql::Transaction::begin(db);
      if (tx && append_audit(db, "staff_pin_hash_refused", "not an Argon2id string", now_ms)) {
        (void)tx->commit();
      }
    }
    return std::unexpected(Error{Error::Kind::invalid,
                                 "the staff PIN setting from the central server is not an "
                                 "Argon2id string; staff mode stays closed until the server's "
                                 "configuration gives this terminal one",
                                 ""});
  }
  {
    std::lock_guard lock(m_store.m_impl->mutex);
    auto counters = read_counters(db);
    if (!counters) return std::unexpected(counters.error());
    if (counters->locked_until_ms > now_ms) {
      if (auto ok = record(db, *counters, "staff_pin_refused_locked",
                           fmt::format("locked_until_ms={}", counters->locked_until_ms), now_ms);
          !ok) {
        return std::unexpected(ok.error());
      }
      return PinResult{PinVerdict::locked, to_status(*counters, m_policy, now_ms), std::nullopt};
    }
  }
  if (sodium_init() < 0) {
    return std::unexpected(Error{Error::Kind::io, "libsodium could not start", ""});
  }
  // Outside the store's lock: a check takes about half a second by design, per staff member.
  // Every hash is tried whatever matched, so the time taken does not tell whose PIN it was.
  std::optional<std::size_t> matched;
  for (std::size_t i = 0; i < pin_hashes.size(); ++i) {
    const std::string hash(pin_hashes[i]);
    if (crypto_pwhash_str_verify(hash.c_str(), pin.reveal().data(), pin.reveal().size()) == 0 &&
        !matched) {
      matched = i;
    }
  }
  const bool right = matched.has_value();

  std::lock_guard lock(m_store.m_impl->mutex);
  // Read again: another attempt may have been recorded meanwhile.
  auto counters = read_counters(db);
  if (!counters) return std::unexpected(counters.error());
  Counters c = *counters;
  if (c.locked_until_ms > now_ms) {
    // Locked by a concurrent attempt while this one was being checked: it does not count.
    if (auto ok = record(db, c, "staff_pin_refused_locked",
                         fmt::format("locked_until_ms={}", c.locked_until_ms), now_ms);
        !ok) {
      return std::unexpected(ok.error());
    }
    return PinResult{PinVerdict::locked, to_status(c, m_policy, now_ms), std::nullopt};
  }
  if (right) {
    const std::int64_t previous = c.failures;
    c = Counters{};
    if (auto ok =
            record(db, c, "staff_pin_accepted", fmt::format("after_failures={}", previous), now_ms);
        !ok) {
      return std::unexpected(ok.error());
    }
    return PinResult{PinVerdict::accepted, to_status(c, m_policy, now_ms), matched};
  }
  c.failures += 1;
  std::string detail = fmt::format("failures={}", c.failures);
  std::string_view event = "staff_pin_wrong";
  if (c.failures >= m_policy.failures_before_lock) {
    c.locks += 1;
    const auto length = lock_length(m_policy, c.locks);
    c.locked_until_ms =
        now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(length).count();
    c.failures = 0;
    event = "staff_pin_locked";
    detail = fmt::format("failures={} lock={} minutes={} locked_until_ms={}",
                         m_policy.failures_before_lock, c.locks, length.count(), c.locked_until_ms);
  }
  if (auto ok = record(db, c, event, detail, now_ms); !ok) return std::unexpected(ok.error());
  return PinResult{PinVerdict::wrong, to_status(c, m_policy, now_ms), std::nullopt};
}

}  // namespace kiosk::store
