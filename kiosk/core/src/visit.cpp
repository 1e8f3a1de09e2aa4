#include "kiosk/core/visit.h"

namespace kiosk::core {

void Visit::wipe() noexcept {
  if (identity) identity->wipe();
  identity.reset();
  if (member) member->wipe();
  member.reset();
  bills.clear();
  bills.shrink_to_fit();
  history.clear();
  lookup = Lookup::none;
}

}  // namespace kiosk::core
