#pragma once
// How receipts write an instant: China Standard Time, "2024-03-05 14:30:00". Private to
// kiosk_receipts; the claim receipt and the 80 mm statement share it.
#include <string>

#include "kiosk/core/date.h"

namespace kiosk::receipts::detail {

inline std::string local_time(core::WallTime time) {
  std::string text = core::format_rfc3339_cst(time);  // 2024-03-05T14:30:00+08:00
  if (text.size() >= 19) {
    text = text.substr(0, 19);
    text[10] = ' ';
  }
  return text;
}

}  // namespace kiosk::receipts::detail
