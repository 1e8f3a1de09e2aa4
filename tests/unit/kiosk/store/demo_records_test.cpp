// The generated settlement records of assets/demo/people.toml ([[generated_records]]): the
// 500 that kiosk-central's demo data gives the person on demo card 05, for the records list's
// benchmark. Plausible, deterministic, and valid where the API reads them.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <set>

#include "kiosk/api/bill_json.h"
#include "kiosk/core/rules.h"
#include "kiosk/store/demo_claims.h"
#include "kiosk/store/demo_records.h"

using namespace kiosk;
using namespace std::chrono;

TEST_CASE("people.toml makes up 500 records for the person on demo card 05", "[store][demo]") {
  const auto& specs = store::demo_records_specs();
  REQUIRE(specs.size() == 1);
  const auto& spec = specs[0];
  CHECK(spec.count == 500);
  // The ID number is the card's, so key F6 in the demo brings these records up.
  std::ifstream card(std::string(KIOSK_SOURCE_DIR) +
                     "/assets/demo/cards/05-resident-long-term.card");
  REQUIRE(card);
  const std::string text{std::istreambuf_iterator<char>(card), {}};
  CHECK(text.find("\nnumber = " + spec.id_number + "\n") != std::string::npos);
  // Not one of the demo claims' people: those still come three in turn.
  CHECK(store::demo_people().size() == 3);
  for (const auto& person : store::demo_people()) {
    CHECK_FALSE(store::demo_generated_records(person.id_number).has_value());
  }
  auto records = store::demo_generated_records(spec.id_number);
  REQUIRE(records.has_value());
  CHECK(records->size() == 500);
}

TEST_CASE("generated demo records are plausible and read back through the API", "[store][demo]") {
  const auto& spec = store::demo_records_specs().at(0);
  const auto records = store::generate_demo_records(spec);
  REQUIRE(records.size() == spec.count);

  std::set<std::string> ids;
  std::set<int> years;
  std::set<std::string> institutions;
  std::set<core::VisitType> types;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    INFO("record " << i << " " << r.id);
    CHECK(ids.insert(r.id).second);
    CHECK(r.id.starts_with(spec.id_prefix + "-"));
    CHECK(sys_days{r.discharged} >= sys_days{spec.from});
    CHECK(sys_days{r.discharged} <= sys_days{spec.to});
    CHECK(sys_days{r.admitted} <= sys_days{r.discharged});
    if (i > 0) CHECK(sys_days{records[i - 1].discharged} <= sys_days{r.discharged});
    if (r.visit_type != core::VisitType::inpatient) CHECK(r.admitted == r.discharged);
    CHECK(r.total_fen > 0);
    CHECK(r.total_fen <= core::kMaxAmountFen);
    CHECK(r.fund_paid_fen >= 0);
    CHECK(r.fund_paid_fen <= r.total_fen);
    CHECK(r.account_paid_fen >= 0);
    CHECK(r.cash_paid_fen >= 0);
    CHECK(r.fund_paid_fen + r.account_paid_fen + r.cash_paid_fen == r.total_fen);
    CHECK(r.self_pay_full_fen >= 0);
    CHECK(r.self_pay_full_fen <= r.cash_paid_fen);
    years.insert(static_cast<int>(r.discharged.year()));
    institutions.insert(r.institution);
    types.insert(r.visit_type);
    auto read = api::bill_from_json(nlohmann::json(api::bill_to_json(r)));
    REQUIRE(read.has_value());
    CHECK(*read == r);
  }
  CHECK(years.size() >= 4);  // several years: the records screen offers year chips
  CHECK(institutions == std::set<std::string>(spec.institutions.begin(), spec.institutions.end()));
  CHECK(types.size() == 3);
}

TEST_CASE("generated demo records depend only on their spec", "[store][demo]") {
  store::DemoRecordsSpec spec = store::demo_records_specs().at(0);
  CHECK(store::generate_demo_records(spec) == store::generate_demo_records(spec));
  // Pinned: the same seed gives these records on every machine and build.
  const auto records = store::generate_demo_records(spec);
  CHECK(records.front().id == "XJ-20220105-0001");
  CHECK(records.front().total_fen == 14179);
  CHECK(records.back().id == "XJ-20261117-0500");
  CHECK(records.back().total_fen == 7270);

  store::DemoRecordsSpec other = spec;
  other.seed += 1;
  CHECK(store::generate_demo_records(other) != records);
  other = spec;
  other.count = 3;
  other.from = other.to = year{2025} / 6 / 1;
  const auto three = store::generate_demo_records(other);
  REQUIRE(three.size() == 3);
  for (const auto& r : three) CHECK(r.discharged == year{2025} / 6 / 1);
}
