#pragma once
// Settlement records made up for a demo person: the [[generated_records]] tables of
// assets/demo/people.toml (built in). kiosk-central's demo data gives them to the person on a
// demo card in place of the usual few, so a visit can scroll hundreds of records (the
// records list's benchmark, tests/bench/ui). Invented: they belong to nobody.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/bill.h"
#include "kiosk/core/date.h"

namespace kiosk::store {

// One [[generated_records]] table: COUNT records for ID_NUMBER, discharged between FROM and
// TO, at the institutions listed, drawn from SEED.
struct DemoRecordsSpec {
  std::string id_number;
  std::size_t count = 0;
  std::uint64_t seed = 0;
  core::Date from{};
  core::Date to{};
  std::string id_prefix;  // settlement numbers read "<prefix>-<yyyymmdd>-<nnnn>"
  std::vector<std::string> institutions;
};

// The tables of the file, in its order (maybe none). A table that does not hold what it must
// stops the program loudly, as a broken demo file does (kiosk/store/demo_claims.h).
const std::vector<DemoRecordsSpec>& demo_records_specs();

// The records SPEC describes, in date order; the same spec gives the same records on every
// machine and build (its own generator, not <random>'s distributions). Every record: total =
// fund + account + cash, the fully self-paid part within the cash, admitted <= discharged,
// settlement numbers unique.
std::vector<core::Bill> generate_demo_records(const DemoRecordsSpec& spec);

// The generated records of this person, or nullopt when the file makes none up for them.
std::optional<std::vector<core::Bill>> demo_generated_records(std::string_view id_number);

}  // namespace kiosk::store
