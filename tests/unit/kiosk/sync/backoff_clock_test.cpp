#include <catch2/catch.hpp>

#include "kiosk/sync/backoff.h"
#include "kiosk/sync/clock_guard.h"

using namespace kiosk::sync;
using namespace std::chrono;

TEST_CASE("backoff doubles from ~30 s, is capped at ~15 min and never stops") {
  const BackoffPolicy policy;  // defaults
  CHECK(backoff_delay(policy, 1, 0.5) == 30s);
  CHECK(backoff_delay(policy, 2, 0.5) == 60s);
  CHECK(backoff_delay(policy, 5, 0.5) == 480s);
  CHECK(backoff_delay(policy, 6, 0.5) == 15min);
  CHECK(backoff_delay(policy, 1000, 0.5) == 15min);
  CHECK(backoff_delay(policy, 1, 0.0) == 24s);   // -20 % jitter
  CHECK(backoff_delay(policy, 1, 1.0) == 36s);   // +20 %
  CHECK(backoff_delay(policy, 0, 0.5) == 30s);   // nonsense input still gives a delay
}

TEST_CASE("the clock guard blocks a clock far behind the highest trusted time") {
  auto local = system_clock::now();
  ClockGuard guard(minutes(5), [&] { return local; });
  CHECK(guard.check());
  guard.observe(floor<seconds>(local));
  CHECK(guard.check());
  CHECK(guard.last_offset().value() >= std::chrono::milliseconds(0));

  local -= hours(48);  // the RTC battery died
  auto blocked = guard.check();
  REQUIRE_FALSE(blocked);
  CHECK(blocked.error().cls == ErrorClass::clock);
  CHECK(blocked.error().message.find("2 days behind") != std::string::npos);

  local += hours(48);
  CHECK(guard.check());
}

TEST_CASE("the highest trusted time survives a restart, a clock far ahead is blocked too") {
  const auto real = system_clock::now();
  auto local = real - hours(24 * 365 * 3);  // booted in the past, no server reply yet
  ClockGuard restarted(minutes(5), [&] { return local; });
  restarted.restore(floor<milliseconds>(real));
  CHECK_FALSE(restarted.check());
  local = real;
  CHECK(restarted.check());

  auto ahead = real + hours(3);
  ClockGuard guard(minutes(5), [&] { return ahead; });
  guard.observe(floor<seconds>(real));
  auto blocked = guard.check();
  REQUIRE_FALSE(blocked);
  CHECK(blocked.error().message.find("ahead") != std::string::npos);
}
