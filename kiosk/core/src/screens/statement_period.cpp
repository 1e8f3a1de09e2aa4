#include "kiosk/core/screens/statement_period.h"

#include <algorithm>

#include <fmt/core.h>

namespace kiosk::core {

std::vector<Bill> records_in(const std::vector<Bill>& bills, const StatementPeriod& period) {
  std::vector<Bill> out;
  if (!period.ok()) return out;
  for (const Bill& bill : bills) {
    if (bill.discharged.ok() && period.contains(bill.discharged)) out.push_back(bill);
  }
  std::stable_sort(out.begin(), out.end(), [](const Bill& a, const Bill& b) {
    if (a.discharged != b.discharged) return a.discharged < b.discharged;
    return a.id < b.id;
  });
  return out;
}

std::expected<StatementTotals, std::string> sum_records(const std::vector<Bill>& records) {
  StatementTotals totals;
  for (const Bill& bill : records) {
    Fen personal = 0;
    if (__builtin_add_overflow(bill.cash_paid_fen, bill.account_paid_fen, &personal)) {
      return std::unexpected(
          fmt::format("record {}: cash plus personal account paid is too large", bill.id));
    }
    if (__builtin_add_overflow(totals.total_fen, bill.total_fen, &totals.total_fen) ||
        __builtin_add_overflow(totals.fund_paid_fen, bill.fund_paid_fen, &totals.fund_paid_fen) ||
        __builtin_add_overflow(totals.personal_fen, personal, &totals.personal_fen)) {
      return std::unexpected(
          fmt::format("the sum of {} records does not fit in the amount type; split the period",
                      records.size()));
    }
    ++totals.count;
  }
  return totals;
}

}  // namespace kiosk::core
