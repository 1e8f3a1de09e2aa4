// Today's print counts for the day summary (日结单): one per kind, kept in the store across a
// restart, and a new China-time day (UTC+8: it turns at 16:00 UTC) starting from zero.
#include <catch2/catch.hpp>

#include <chrono>

#include "kiosk/store/store.h"
#include "services/day_counts.h"
#include "temp_dir.h"

using namespace kiosk;
using namespace kiosk::app;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

// 2026-11-29 15:59:59 UTC is 23:59:59 in China; one second later the 30th begins there.
const store::UnixTime kLastSecond =
    time_point_cast<store::Millis>(sys_days{2026y / November / 29} + 15h + 59min + 59s);
const store::UnixTime kMidnight = kLastSecond + 1s;

store::Store open_store(const std::filesystem::path& dir) {
  store::StoreOptions options;
  options.db_path = dir / "kiosk.db";
  auto s = store::Store::open(options);
  REQUIRE(s);
  return std::move(*s);
}

void count(store::Store& s, Printed what, int times, store::UnixTime now) {
  for (int i = 0; i < times; ++i) REQUIRE(count_printed(s, what, now));
}

}  // namespace

TEST_CASE("day counts: china_date is the date in China, which turns at 16:00 UTC") {
  CHECK(china_date(kLastSecond) == "2026-11-29");
  CHECK(china_date(kMidnight) == "2026-11-30");
  CHECK(china_date(time_point_cast<store::Millis>(sys_days{2026y / November / 29})) ==
        "2026-11-29");                                        // 08:00 in China
  CHECK(china_date(kLastSecond - 24h + 1s) == "2026-11-29");  // 00:00 in China
  CHECK(china_date(kLastSecond - 24h) == "2026-11-28");
  // The year turns the same way.
  CHECK(china_date(time_point_cast<store::Millis>(sys_days{2026y / December / 31} + 16h)) ==
        "2027-01-01");
}

TEST_CASE("day counts: each kind is counted on its own and kept across a restart") {
  kiosk::testing::TempDir dir("kiosk-day-counts");
  {
    auto s = open_store(dir.path());
    const DayCounts none = day_counts(s, kLastSecond - 1h);
    CHECK(none.date == "2026-11-29");
    CHECK(none.receipts + none.reprints + none.statements + none.test_pages == 0);
    count(s, Printed::receipt, 3, kLastSecond - 1h);
    count(s, Printed::reprint, 2, kLastSecond - 1h);
    count(s, Printed::statement, 1, kLastSecond - 1h);
  }
  auto s = open_store(dir.path());
  count(s, Printed::test_page, 4, kLastSecond);
  const DayCounts today = day_counts(s, kLastSecond);
  CHECK(today.date == "2026-11-29");
  CHECK(today.receipts == 3);
  CHECK(today.reprints == 2);
  CHECK(today.statements == 1);
  CHECK(today.test_pages == 4);
}

TEST_CASE("day counts: a new day in China starts from zero, and counts only its own prints") {
  kiosk::testing::TempDir dir("kiosk-day-counts");
  auto s = open_store(dir.path());
  count(s, Printed::receipt, 5, kLastSecond);
  count(s, Printed::test_page, 1, kLastSecond);
  REQUIRE(day_counts(s, kLastSecond).receipts == 5);

  const DayCounts next = day_counts(s, kMidnight);
  CHECK(next.date == "2026-11-30");
  CHECK(next.receipts == 0);
  CHECK(next.test_pages == 0);
  count(s, Printed::receipt, 1, kMidnight);
  const DayCounts after = day_counts(s, kMidnight + 1h);
  CHECK(after.receipts == 1);  // not yesterday's 5 plus one
  CHECK(after.test_pages == 0);
}

TEST_CASE("day counts: an unreadable stored value reads as zero and is replaced by counting") {
  kiosk::testing::TempDir dir("kiosk-day-counts");
  auto s = open_store(dir.path());
  // Not JSON, JSON of another shape, and the right keys with values of the wrong type: none
  // may stop the day summary (it is read on the UI thread); each reads as nothing counted.
  for (const char* stored : {"not json", "[1,2]", "{\"date\":20261129,\"receipts\":2}",
                             "{\"date\":\"2026-11-29\",\"receipts\":\"two\",\"reprints\":1}",
                             "{\"date\":\"2026-11-29\",\"receipts\":null}"}) {
    INFO(stored);
    REQUIRE(s.set_setting("day_counts", stored));
    DayCounts read;
    REQUIRE_NOTHROW(read = day_counts(s, kLastSecond));
    CHECK(read.date == "2026-11-29");
    CHECK(read.receipts == 0);
    REQUIRE_NOTHROW(count(s, Printed::receipt, 1, kLastSecond));
    CHECK(day_counts(s, kLastSecond).receipts == 1);
  }
}
