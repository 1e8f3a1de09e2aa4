#include "day_counts.h"

#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kiosk::app {
namespace {
constexpr const char* kSetting = "day_counts";
}  // namespace

std::string china_date(store::UnixTime now) {
  const auto local = std::chrono::floor<std::chrono::days>(now + std::chrono::hours(8));
  const std::chrono::year_month_day ymd{local};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

DayCounts day_counts(store::Store& store, store::UnixTime now) {
  DayCounts counts;
  counts.date = china_date(now);
  auto stored = store.setting(kSetting);
  if (!stored || !*stored) return counts;
  const auto json = nlohmann::json::parse(**stored, nullptr, false);
  if (!json.is_object() || json.value("date", "") != counts.date) return counts;
  counts.receipts = json.value("receipts", 0);
  counts.reprints = json.value("reprints", 0);
  counts.statements = json.value("statements", 0);
  counts.test_pages = json.value("test_pages", 0);
  return counts;
}

std::expected<void, std::string> count_printed(store::Store& store, Printed what,
                                               store::UnixTime now) {
  DayCounts counts = day_counts(store, now);
  switch (what) {
    case Printed::receipt: ++counts.receipts; break;
    case Printed::reprint: ++counts.reprints; break;
    case Printed::statement: ++counts.statements; break;
    case Printed::test_page: ++counts.test_pages; break;
  }
  const nlohmann::json json{{"date", counts.date},
                            {"receipts", counts.receipts},
                            {"reprints", counts.reprints},
                            {"statements", counts.statements},
                            {"test_pages", counts.test_pages}};
  if (auto ok = store.set_setting(kSetting, json.dump()); !ok) {
    return std::unexpected(ok.error().message);
  }
  return {};
}

}  // namespace kiosk::app
