// StaffPin::verify over every staff member's Argon2id string (the server's config has one per
// member): whose PIN matched, one attempt however many strings, the lock after five, and a
// list with anything but Argon2id strings (or none) refused without counting. The strings are
// made here at libsodium's minimum cost so the suite stays fast.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include <sodium.h>

#include "kiosk/store/staff_pin.h"
#include "kiosk/store/store.h"
#include "store_fixture.h"

using namespace kiosk;
using store::PinVerdict;

namespace {
constexpr std::int64_t kNow = 1'764'000'000'000;
constexpr std::int64_t kMinute = 60'000;

// Three staff members, their PINs and the strings the server would send for them.
struct Members {
  std::array<std::string, 3> pins{"111111", "222222", "333333"};
  std::vector<std::string> strings;
  Members() {
    REQUIRE(sodium_init() >= 0);
    for (const auto& pin : pins) {
      char out[crypto_pwhash_STRBYTES];
      REQUIRE(crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_MIN,
                                crypto_pwhash_MEMLIMIT_MIN) == 0);
      strings.emplace_back(out);
    }
  }
  std::vector<std::string_view> hashes() const { return {strings.begin(), strings.end()}; }
};

store::PinResult check(store::StaffPin& pin, const std::vector<std::string_view>& hashes,
                       std::string_view typed, std::int64_t now_ms) {
  auto result = pin.verify(hashes, core::Secret(typed), store::from_unix_ms(now_ms));
  REQUIRE(result.has_value());
  return *result;
}

int audit_count(const std::filesystem::path& db, std::string_view event) {
  return std::stoi(test::raw_text(
      db, "SELECT count(*) FROM audit_log WHERE event = '" + std::string(event) + "'"));
}

int failures(store::StaffPin& pin) {
  return pin.status(store::from_unix_ms(kNow))->failures;
}
}  // namespace

TEST_CASE("staff PIN for several members: each member's PIN is accepted and says whose it is") {
  test::TempDir dir;
  auto s = test::open_store(dir / "k.db");
  store::StaffPin pin(s);
  const Members members;

  auto second = check(pin, members.hashes(), members.pins[1], kNow);
  CHECK(second.verdict == PinVerdict::accepted);
  REQUIRE(second.matched.has_value());
  CHECK(*second.matched == 1);
  auto third = check(pin, members.hashes(), members.pins[2], kNow);
  CHECK(third.verdict == PinVerdict::accepted);
  CHECK(third.matched == std::optional<std::size_t>(2));
  auto first = check(pin, members.hashes(), members.pins[0], kNow);
  CHECK(first.matched == std::optional<std::size_t>(0));
  CHECK(audit_count(dir / "k.db", "staff_pin_accepted") == 3);

  // A wrong PIN matches nobody.
  auto wrong = check(pin, members.hashes(), "444444", kNow);
  CHECK(wrong.verdict == PinVerdict::wrong);
  CHECK_FALSE(wrong.matched.has_value());
}

TEST_CASE("staff PIN for several members: a wrong PIN is one failure, not one per member") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  auto s = test::open_store(db);
  store::StaffPin pin(s);
  const Members members;

  auto wrong = check(pin, members.hashes(), "999999", kNow);
  CHECK(wrong.verdict == PinVerdict::wrong);
  CHECK(wrong.status.failures == 1);
  CHECK(wrong.status.attempts_left == 4);
  CHECK(failures(pin) == 1);
  CHECK(audit_count(db, "staff_pin_wrong") == 1);
  // A member's PIN clears the count for everyone.
  CHECK(check(pin, members.hashes(), members.pins[2], kNow).verdict == PinVerdict::accepted);
  CHECK(failures(pin) == 0);
}

TEST_CASE("staff PIN for several members: the fifth wrong PIN locks, then no member gets in") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  auto s = test::open_store(db);
  store::StaffPin pin(s);
  const Members members;

  for (int i = 1; i <= 4; ++i) {
    auto wrong = check(pin, members.hashes(), "000000", kNow);
    CHECK(wrong.verdict == PinVerdict::wrong);
    CHECK(wrong.status.failures == i);
    CHECK_FALSE(wrong.status.locked());
  }
  auto fifth = check(pin, members.hashes(), "000000", kNow);
  CHECK(fifth.verdict == PinVerdict::wrong);
  REQUIRE(fifth.status.locked());
  CHECK(*fifth.status.locked_until == store::from_unix_ms(kNow + kMinute));
  CHECK(audit_count(db, "staff_pin_locked") == 1);

  for (const auto& right : members.pins) {
    auto refused = check(pin, members.hashes(), right, kNow + kMinute - 1);
    CHECK(refused.verdict == PinVerdict::locked);
    CHECK_FALSE(refused.matched.has_value());
  }
  CHECK(check(pin, members.hashes(), members.pins[1], kNow + kMinute).matched ==
        std::optional<std::size_t>(1));
}

TEST_CASE("staff PIN for several members: one string that is not Argon2id refuses the check") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  auto s = test::open_store(db);
  store::StaffPin pin(s);
  const Members members;
  char argon2i[crypto_pwhash_argon2i_STRBYTES];
  REQUIRE(crypto_pwhash_argon2i_str(argon2i, "222222", 6, crypto_pwhash_argon2i_OPSLIMIT_MIN,
                                    crypto_pwhash_argon2i_MEMLIMIT_MIN) == 0);
  const std::string too_long = members.strings[2] + std::string(crypto_pwhash_STRBYTES, 'A');
  const std::string sha256 =
      "sha256$c2FsdA$03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4";

  int refused = 0;
  for (const std::string_view bad : {std::string_view(sha256), std::string_view(argon2i),
                                     std::string_view(too_long), std::string_view()}) {
    // The bad string sits between two good ones; the PIN typed is the first member's, right.
    const std::vector<std::string_view> hashes{members.strings[0], bad, members.strings[2]};
    auto result = pin.verify(hashes, core::Secret(members.pins[0]), store::from_unix_ms(kNow));
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().message.find("not an Argon2id string") != std::string::npos);
    ++refused;
  }
  CHECK(failures(pin) == 0);
  CHECK(audit_count(db, "staff_pin_hash_refused") == refused);
  CHECK(audit_count(db, "staff_pin_accepted") == 0);
  CHECK(audit_count(db, "staff_pin_wrong") == 0);
}

TEST_CASE("staff PIN for several members: an empty list is refused and counts nothing") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  auto s = test::open_store(db);
  store::StaffPin pin(s);

  const std::vector<std::string_view> none;
  auto result = pin.verify(none, core::Secret("111111"), store::from_unix_ms(kNow));
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message.find("Argon2id") != std::string::npos);
  CHECK(failures(pin) == 0);
  CHECK(audit_count(db, "staff_pin_hash_refused") == 1);
  CHECK(audit_count(db, "staff_pin_wrong") == 0);
}
