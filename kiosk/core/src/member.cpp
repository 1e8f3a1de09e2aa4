#include "kiosk/core/member.h"

#include <algorithm>

namespace kiosk::core {

bool Member::enrolled(const std::string& plan, int year) const {
  return std::ranges::any_of(enrolments,
                             [&](const auto& e) { return e.plan == plan && e.year == year; });
}

void Member::wipe() noexcept {
  id_number.wipe();
  name.wipe();
  phone.wipe();
  bank_account.wipe();
}

}  // namespace kiosk::core
