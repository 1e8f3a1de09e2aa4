#include "day_counts.h"

#include "kiosk/core/date.h"

#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kiosk::app {
namespace {
constexpr const char* kSetting = "day_counts";

// A stored value of another shape (a hand edit, another version) counts as nothing printed:
// nlohmann's value() would throw on a wrong type, on the UI thread.
int count_of(const nlohmann::json& json, const char* key) {
  const auto it = json.find(key);
  return it != json.end() && it->is_number_integer() ? it->get<int>() : 0;
}
}  // namespace

std::string china_date(store::UnixTime now) {
  return core::format_date(core::date_cst(now));
}

DayCounts day_counts(store::Store& store, store::UnixTime now) {
  DayCounts counts;
  counts.date = china_date(now);
  auto stored = store.setting(kSetting);
  if (!stored || !*stored) return counts;
  const auto json = nlohmann::json::parse(**stored, nullptr, false);
  if (!json.is_object()) return counts;
  const auto date = json.find("date");
  if (date == json.end() || !date->is_string() || date->get<std::string>() != counts.date) {
    return counts;
  }
  counts.receipts = count_of(json, "receipts");
  counts.reprints = count_of(json, "reprints");
  counts.statements = count_of(json, "statements");
  counts.test_pages = count_of(json, "test_pages");
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
