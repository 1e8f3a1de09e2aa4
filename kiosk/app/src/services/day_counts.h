#pragma once
// What the terminal printed today, for the day summary (日结单): receipts, reprints,
// statements and test pages. Kept in the store's settings so a restart does not reset the
// day; a new day starts from zero. Claims are counted from the store itself, not here.
#include <expected>
#include <string>

#include "kiosk/store/store.h"

namespace kiosk::app {

enum class Printed { receipt, reprint, statement, test_page };

struct DayCounts {
  std::string date;  // "2026-11-29", China time (the claims' created_at is +08:00)
  int receipts = 0;
  int reprints = 0;
  int statements = 0;
  int test_pages = 0;
};

// Today's date in China time, as the claims' created_at writes it.
std::string china_date(store::UnixTime now);

// Today's counts (zero when the stored ones are another day's or unreadable).
DayCounts day_counts(store::Store& store, store::UnixTime now);
// Adds one WHAT to today's counts.
std::expected<void, std::string> count_printed(store::Store& store, Printed what,
                                               store::UnixTime now);

}  // namespace kiosk::app
