#pragma once
// The personal-share statement's period and sums: which settlement records a period holds
// and their column totals. The statement screen shows these and kiosk/receipts prints them
// (its statement_totals is sum_records): one copy of the arithmetic for the screen and paper.
#include <chrono>
#include <cstddef>
#include <expected>
#include <string>
#include <vector>

#include "kiosk/core/bill.h"
#include "kiosk/core/date.h"
#include "kiosk/core/money.h"

namespace kiosk::core {

// A run of whole calendar months: from the first day of FROM to the last day of TO.
struct StatementPeriod {
  std::chrono::year_month from{};
  std::chrono::year_month to{};

  Date first_day() const { return from / std::chrono::day{1}; }
  Date last_day() const { return Date{to / std::chrono::last}; }
  bool ok() const { return from.ok() && to.ok() && from <= to; }
  // A settlement record belongs to the period of its settlement (discharge) date.
  bool contains(Date date) const { return date >= first_day() && date <= last_day(); }
  friend bool operator==(const StatementPeriod&, const StatementPeriod&) = default;

  static StatementPeriod year_of(std::chrono::year year) {
    return {year / std::chrono::January, year / std::chrono::December};
  }
};

// The records settled inside PERIOD, ordered by settlement date then number.
std::vector<Bill> records_in(const std::vector<Bill>& bills, const StatementPeriod& period);

// Column sums, each added with an overflow check.
struct StatementTotals {
  std::size_t count = 0;
  Fen total_fen = 0;
  Fen fund_paid_fen = 0;
  Fen personal_fen = 0;  // personal_total: cash + personal account
  friend bool operator==(const StatementTotals&, const StatementTotals&) = default;
};
// The error says which record or sum does not fit an int64 of fen.
std::expected<StatementTotals, std::string> sum_records(const std::vector<Bill>& records);

}  // namespace kiosk::core
