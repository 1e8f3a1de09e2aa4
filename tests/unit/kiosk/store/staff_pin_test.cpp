// The staff PIN: Argon2id strings made here with crypto_pwhash_str at libsodium's minimum
// cost (fast), five wrong PINs lock for a growing time, the lock survives a restart, and the
// audit log records every attempt without the PIN.
#include <catch2/catch.hpp>

#include <sodium.h>

#include "kiosk/store/staff_pin.h"
#include "kiosk/store/store.h"
#include "store_fixture.h"

using namespace kiosk;
using store::PinVerdict;

namespace {
constexpr std::int64_t kMinute = 60'000;

std::string argon2id(std::string_view pin) {
  REQUIRE(sodium_init() >= 0);
  char out[crypto_pwhash_STRBYTES];
  REQUIRE(crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_MIN,
                            crypto_pwhash_MEMLIMIT_MIN) == 0);
  return out;
}

PinVerdict attempt(store::StaffPin& pin, const std::string& hash, std::string_view typed,
                   std::int64_t now) {
  auto result = pin.verify(hash, core::Secret(typed), store::from_unix_ms(now));
  REQUIRE(result.has_value());
  return result->verdict;
}

int audit_count(const std::filesystem::path& db, std::string_view event) {
  return std::stoi(test::raw_text(
      db, "SELECT count(*) FROM audit_log WHERE event = '" + std::string(event) + "'"));
}
}  // namespace

TEST_CASE(
    "staff PIN: the right PIN is accepted, a wrong one counted, both audited without the PIN") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  auto s = test::open_store(db);
  store::StaffPin pin(s);
  const std::string hash = argon2id("482913");
  REQUIRE(hash.starts_with("$argon2id$"));

  CHECK(attempt(pin, hash, "482913", 1000) == PinVerdict::accepted);
  auto wrong = pin.verify(hash, core::Secret("482914"), store::from_unix_ms(2000));
  REQUIRE(wrong.has_value());
  CHECK(wrong->verdict == PinVerdict::wrong);
  CHECK(wrong->status.failures == 1);
  CHECK(wrong->status.attempts_left == 4);
  CHECK_FALSE(wrong->status.locked());
  CHECK(attempt(pin, hash, "", 3000) == PinVerdict::wrong);
  // An accepted PIN clears the count.
  CHECK(attempt(pin, hash, "482913", 4000) == PinVerdict::accepted);
  CHECK(pin.status(store::from_unix_ms(4000))->failures == 0);
  CHECK(pin.status(store::from_unix_ms(4000))->attempts_left == 5);

  CHECK(audit_count(db, "staff_pin_accepted") == 2);
  CHECK(audit_count(db, "staff_pin_wrong") == 2);
  const std::string audit = test::raw_text(db, "SELECT group_concat(detail, '|') FROM audit_log");
  CHECK(audit.find("482913") == std::string::npos);
  CHECK(audit.find("482914") == std::string::npos);
  CHECK(test::read_bytes(db).find("482913") == std::string::npos);
}

TEST_CASE(
    "staff PIN: five wrong PINs lock for 1, then 5, 15 and 60 minutes, even for the right PIN") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  auto s = test::open_store(db);
  store::StaffPin pin(s);
  const std::string hash = argon2id("1234");
  std::int64_t now = 1'700'000'000'000;
  const std::int64_t expected_minutes[] = {1, 5, 15, 60, 60};
  for (const std::int64_t minutes : expected_minutes) {
    for (int i = 0; i < 4; ++i) CHECK(attempt(pin, hash, "0000", now) == PinVerdict::wrong);
    auto locking = pin.verify(hash, core::Secret("0000"), store::from_unix_ms(now));
    REQUIRE(locking.has_value());
    CHECK(locking->verdict == PinVerdict::wrong);
    REQUIRE(locking->status.locked());
    CHECK(*locking->status.locked_until == store::from_unix_ms(now + minutes * kMinute));
    CHECK(locking->status.attempts_left == 0);
    // While locked the PIN is not even checked: the right one is refused too.
    CHECK(attempt(pin, hash, "1234", now + minutes * kMinute - 1) == PinVerdict::locked);
    now += minutes * kMinute;
    CHECK_FALSE(pin.status(store::from_unix_ms(now))->locked());
    CHECK(pin.status(store::from_unix_ms(now))->attempts_left == 5);
  }
  CHECK(audit_count(db, "staff_pin_locked") == 5);
  CHECK(audit_count(db, "staff_pin_refused_locked") == 5);
  // The right PIN after a lock ran out: accepted, and the next lock is short again.
  CHECK(attempt(pin, hash, "1234", now) == PinVerdict::accepted);
  for (int i = 0; i < 5; ++i) attempt(pin, hash, "9999", now);
  CHECK(*pin.status(store::from_unix_ms(now))->locked_until == store::from_unix_ms(now + kMinute));
}

TEST_CASE("staff PIN: a restart does not reset the count or the lock") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  const std::string hash = argon2id("7777");
  const std::int64_t now = 5'000'000;
  {
    auto s = test::open_store(db);
    store::StaffPin pin(s);
    for (int i = 0; i < 3; ++i) attempt(pin, hash, "1111", now);
  }
  {
    auto s = test::open_store(db);
    store::StaffPin pin(s);
    CHECK(pin.status(store::from_unix_ms(now))->failures == 3);
    CHECK(attempt(pin, hash, "1111", now) == PinVerdict::wrong);
    CHECK(attempt(pin, hash, "1111", now) == PinVerdict::wrong);
    CHECK(pin.status(store::from_unix_ms(now))->locked());
  }
  auto s = test::open_store(db);
  store::StaffPin pin(s);
  CHECK(attempt(pin, hash, "7777", now + kMinute - 1) == PinVerdict::locked);
  CHECK(attempt(pin, hash, "7777", now + kMinute) == PinVerdict::accepted);
}

TEST_CASE("staff PIN: a fast hash is never accepted, and nothing is counted for it") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  auto s = test::open_store(db);
  store::StaffPin pin(s);
  // The salted SHA-256 the server used to send, an Argon2i string and garbage.
  char argon2i[crypto_pwhash_argon2i_STRBYTES];
  REQUIRE(crypto_pwhash_argon2i_str(argon2i, "1234", 4, crypto_pwhash_argon2i_OPSLIMIT_MIN,
                                    crypto_pwhash_argon2i_MEMLIMIT_MIN) == 0);
  for (const std::string& bad :
       {std::string(
            "sha256$c2FsdA$03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4"),
        std::string(argon2i), std::string("")}) {
    auto result = pin.verify(bad, core::Secret("1234"), store::from_unix_ms(1));
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().message.find("not an Argon2id string") != std::string::npos);
  }
  CHECK(pin.status(store::from_unix_ms(1))->failures == 0);
  CHECK(audit_count(db, "staff_pin_hash_refused") == 3);
  // A truncated Argon2id string is a wrong PIN, not an accepted one.
  const std::string hash = argon2id("1234");
  CHECK(attempt(pin, hash.substr(0, hash.size() - 4), "1234", 2) == PinVerdict::wrong);
}
