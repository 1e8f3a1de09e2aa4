#pragma once
// One person's visit: everything personal the session holds between a card read and the
// return to the attract screen. wipe() zeroes it all; the session calls it on every way out.
#include <cstdint>
#include <optional>
#include <vector>

#include "kiosk/core/bill.h"
#include "kiosk/core/estimate.h"
#include "kiosk/core/identity.h"
#include "kiosk/core/member.h"

namespace kiosk::core {

// Where the member lookup for this visit stands. busy: the server turned it away for now
// (rate limit); trying again later works.
enum class Lookup { none, pending, loaded, failed, busy, not_a_member };

struct Visit {
  std::uint64_t number = 0;  // counts card reads, so a late answer for an earlier one is dropped
  std::optional<Identity> identity;
  Lookup lookup = Lookup::none;
  std::optional<Member> member;
  std::vector<Bill> bills;
  std::vector<PlanHistory> history;  // earlier claims' use of each plan, for estimates

  bool open() const { return identity.has_value(); }
  void wipe() noexcept;
};

}  // namespace kiosk::core
