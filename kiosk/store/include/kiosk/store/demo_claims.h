#pragma once
// Invented people and claims for the demo, the crash test and the benchmarks. The ID numbers
// pass their check digit and the bank cards their Luhn check, but belong to nobody.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/claim.h"

namespace kiosk::store {

struct DemoPerson {
  std::string id_number;
  std::string name;
  std::string phone;
  std::string bank_account;
};

// The people of assets/demo/people.toml (built in), in the file's order; never empty.
const std::vector<DemoPerson>& demo_people();

// Demo claim number n (any n): a fresh uuid, a demo person, one to three settlement
// records (inpatient and chronic care), the estimate under the example rules
// (assets/rules/mutual-aid.toml, built in), a commitment. Not yet saved: sequence is 0.
core::Claim demo_claim(std::size_t n, std::string_view terminal_id);

}  // namespace kiosk::store
