#include "kiosk/store/demo_records.h"

#include <algorithm>
#include <chrono>
#include <limits>

#include <fmt/core.h>

#include "demo_people_file.h"
#include "kiosk/core/validation.h"

namespace kiosk::store {
namespace {
using namespace std::chrono;

// splitmix64: a few lines, and the same numbers everywhere (std::uniform_int_distribution
// is not specified bit for bit).
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // In [low, high].
  std::int64_t between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(high - low + 1));
  }

 private:
  std::uint64_t m_state;
};

core::Date date_of(const toml::table& table, const char* key) {
  const auto* value = table[key].as_date();
  if (value == nullptr) {
    demo_file_broken(fmt::format("[[generated_records]] needs {} as a date", key).c_str());
  }
  const toml::date d = value->get();
  const core::Date date{year{d.year}, month{d.month}, day{d.day}};
  if (!date.ok()) demo_file_broken(fmt::format("[[generated_records]] {} is no date", key).c_str());
  return date;
}

std::int64_t integer_of(const toml::table& table, const char* key, std::int64_t low,
                        std::int64_t high) {
  const auto value = table[key].value<std::int64_t>();
  if (!value || *value < low || *value > high) {
    demo_file_broken(
        fmt::format("[[generated_records]] needs {} from {} to {}", key, low, high).c_str());
  }
  return *value;
}

std::string text_of(const toml::table& table, const char* key) {
  const auto value = table[key].value<std::string>();
  if (!value || value->empty()) {
    demo_file_broken(fmt::format("[[generated_records]] needs {}", key).c_str());
  }
  return *value;
}

DemoRecordsSpec read_spec(const toml::table& table) {
  DemoRecordsSpec spec;
  spec.id_number = text_of(table, "id_number");
  if (!core::validate_id_number(spec.id_number)) {
    demo_file_broken("[[generated_records]] id_number fails its check character");
  }
  spec.count = static_cast<std::size_t>(integer_of(table, "count", 1, 100'000));
  spec.seed = static_cast<std::uint64_t>(
      integer_of(table, "seed", 0, std::numeric_limits<std::int64_t>::max()));
  spec.from = date_of(table, "from");
  spec.to = date_of(table, "to");
  if (sys_days{spec.to} < sys_days{spec.from}) {
    demo_file_broken("[[generated_records]] ends (to) before it starts (from)");
  }
  spec.id_prefix = text_of(table, "id_prefix");
  if (const auto* list = table["institutions"].as_array()) {
    for (const auto& node : *list) {
      if (auto name = node.value<std::string>(); name && !name->empty()) {
        spec.institutions.push_back(*name);
      }
    }
  }
  if (spec.institutions.empty()) {
    demo_file_broken("[[generated_records]] needs institutions, a list of names");
  }
  return spec;
}

// Amounts in fen for one visit: how much it cost, and the pooled fund's share in percent.
struct Cost {
  core::Fen total;
  int fund_percent;
};
Cost cost_of(core::VisitType type, Draw& draw) {
  switch (type) {
    case core::VisitType::inpatient:  // 5,000-80,000 yuan, the fund pays 55-80 %
      return {draw.between(500'000, 8'000'000), static_cast<int>(draw.between(55, 80))};
    case core::VisitType::outpatient_chronic:  // 200-3,000 yuan, 50-70 %
      return {draw.between(20'000, 300'000), static_cast<int>(draw.between(50, 70))};
    case core::VisitType::outpatient:  // 30-800 yuan; a third below the threshold, unpaid
      break;
  }
  const core::Fen total = draw.between(3'000, 80'000);
  return {total, draw.between(0, 2) == 0 ? 0 : static_cast<int>(draw.between(20, 40))};
}

}  // namespace

const std::vector<DemoRecordsSpec>& demo_records_specs() {
  static const std::vector<DemoRecordsSpec> specs = [] {
    std::vector<DemoRecordsSpec> read;
    if (const auto* list = demo_people_file()["generated_records"].as_array()) {
      for (const auto& node : *list) {
        if (const auto* table = node.as_table()) read.push_back(read_spec(*table));
      }
    }
    return read;
  }();
  return specs;
}

std::vector<core::Bill> generate_demo_records(const DemoRecordsSpec& spec) {
  Draw draw(spec.seed);
  const std::int64_t span = (sys_days{spec.to} - sys_days{spec.from}).count() + 1;
  std::vector<core::Bill> out;
  out.reserve(spec.count);
  for (std::size_t i = 0; i < spec.count; ++i) {
    core::Bill bill;
    // Record i in the i-th slice of the period, somewhere inside it: in date order.
    const auto slice = static_cast<std::int64_t>(i);
    const auto count = static_cast<std::int64_t>(spec.count);
    const std::int64_t offset = (span * slice + draw.between(0, span - 1)) / count;
    bill.discharged = sys_days{spec.from} + days{offset};
    const std::int64_t kind = draw.between(0, 99);
    bill.visit_type = kind < 15   ? core::VisitType::inpatient
                      : kind < 40 ? core::VisitType::outpatient_chronic
                                  : core::VisitType::outpatient;
    const auto stay = bill.visit_type == core::VisitType::inpatient ? draw.between(2, 20) : 0;
    bill.admitted = sys_days{bill.discharged} - days{stay};
    bill.institution = spec.institutions[draw.next() % spec.institutions.size()];
    bill.id = fmt::format("{}-{:04}{:02}{:02}-{:04}", spec.id_prefix,
                          static_cast<int>(bill.discharged.year()),
                          static_cast<unsigned>(bill.discharged.month()),
                          static_cast<unsigned>(bill.discharged.day()), i + 1);
    const Cost cost = cost_of(bill.visit_type, draw);
    bill.total_fen = cost.total;
    bill.fund_paid_fen = cost.total * cost.fund_percent / 100;
    const core::Fen personal = bill.total_fen - bill.fund_paid_fen;
    bill.account_paid_fen = std::min<core::Fen>(draw.between(0, personal / 2), 200'000);
    bill.cash_paid_fen = personal - bill.account_paid_fen;
    bill.self_pay_full_fen = bill.cash_paid_fen * draw.between(0, 30) / 100;
    out.push_back(std::move(bill));
  }
  return out;
}

std::optional<std::vector<core::Bill>> demo_generated_records(std::string_view id_number) {
  for (const auto& spec : demo_records_specs()) {
    if (spec.id_number == id_number) return generate_demo_records(spec);
  }
  return std::nullopt;
}

}  // namespace kiosk::store
