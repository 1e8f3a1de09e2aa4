#pragma once
// Invented people and claims for the demo, the crash test and the benchmarks. The ID numbers
// pass their check digit and the bank cards their Luhn check, but belong to nobody.
#include <array>
#include <cstddef>
#include <string_view>

#include "kiosk/core/claim.h"

namespace kiosk::store {

struct DemoPerson {
  std::string_view id_number;
  std::string_view name;
  std::string_view phone;
  std::string_view bank_account;
};

inline constexpr std::array<DemoPerson, 3> kDemoPeople = {{
    {"440306198805122236", "张伟", "13812345678", "6222021234567890128"},
    {"11010519491231002X", "李秀英", "15900001111", "6217009876543210981"},
    {"110101199003070011", "王芳", "18611112222", "4111111111111111"},
}};

// Demo claim number n (any n): a fresh uuid, a demo person, one to three settlement
// records (inpatient and chronic care), the estimate under the example rules
// (assets/rules/mutual-aid.toml, built in), a commitment. Not yet saved: sequence is 0.
core::Claim demo_claim(std::size_t n, std::string_view terminal_id);

}  // namespace kiosk::store
