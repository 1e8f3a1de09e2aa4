#pragma once
// Calendar dates and wall-clock instants as they appear in records, JSON and receipts.
// China has one time zone without daylight saving, so local time is always UTC+08:00.
#include <chrono>
#include <expected>
#include <string>
#include <string_view>

namespace kiosk::core {

using Date = std::chrono::year_month_day;
using WallTime = std::chrono::system_clock::time_point;

// "2024-03-05". Assumes a valid date.
std::string format_date(Date date);
// "YYYY-MM-DD" exactly, a real calendar date; the error quotes the text.
std::expected<Date, std::string> parse_date(std::string_view text);

// RFC 3339 in China Standard Time, second precision: "2024-03-05T14:30:00+08:00".
std::string format_rfc3339_cst(WallTime time);
// Accepts what format_rfc3339_cst writes, and any other "+hh:mm"/"-hh:mm"/"Z" offset.
std::expected<WallTime, std::string> parse_rfc3339(std::string_view text);

// The calendar date in China Standard Time at that instant.
Date date_cst(WallTime time);

}  // namespace kiosk::core
