#include "kiosk/core/date.h"

#include <charconv>

#include <fmt/core.h>

namespace kiosk::core {
namespace {
constexpr std::chrono::hours kCstOffset{8};

bool read_int(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return ec == std::errc{} && end == text.data() + pos + len;
}
}  // namespace

std::string format_date(Date date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::expected<Date, std::string> parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_int(text, 0, 4, y) ||
      !read_int(text, 5, 2, m) || !read_int(text, 8, 2, d)) {
    return std::unexpected(fmt::format("'{}' is not a date of the form YYYY-MM-DD", text));
  }
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::unexpected(fmt::format("'{}' is not a calendar date", text));
  return date;
}

std::string format_rfc3339_cst(WallTime time) {
  using namespace std::chrono;
  const auto local = floor<seconds>(time) + kCstOffset;
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{local - day};
  return fmt::format("{}T{:02}:{:02}:{:02}+08:00", format_date(ymd), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

std::expected<WallTime, std::string> parse_rfc3339(std::string_view text) {
  using namespace std::chrono;
  auto bad = [&] {
    return std::unexpected(
        fmt::format("'{}' is not a time of the form 2024-03-05T14:30:00+08:00", text));
  };
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't')) return bad();
  auto date = parse_date(text.substr(0, 10));
  if (!date) return std::unexpected(date.error());
  int hh = 0, mm = 0, ss = 0;
  if (!read_int(text, 11, 2, hh) || text[13] != ':' || !read_int(text, 14, 2, mm) ||
      text[16] != ':' || !read_int(text, 17, 2, ss) || hh > 23 || mm > 59 || ss > 60) {
    return bad();
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {  // fractions are accepted and dropped
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  }
  minutes offset{0};
  std::string_view zone = text.substr(pos);
  if (zone == "Z" || zone == "z") {
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh = 0, om = 0;
    if (!read_int(zone, 1, 2, oh) || !read_int(zone, 4, 2, om) || oh > 23 || om > 59) return bad();
    offset = hours{oh} + minutes{om};
    if (zone[0] == '-') offset = -offset;
  } else {
    return bad();
  }
  const auto local = sys_days{*date} + hours{hh} + minutes{mm} + seconds{ss};
  return WallTime{local - offset};
}

Date date_cst(WallTime time) {
  using namespace std::chrono;
  return year_month_day{floor<days>(time + kCstOffset)};
}

}  // namespace kiosk::core
