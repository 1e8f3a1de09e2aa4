#pragma once
// Which printer a personal-share statement goes to: the 80 mm receipt printer every terminal
// has, or the A4 printer (IPP) a terminal may have beside it ([a4] printer in the config).
#include <cstdint>

namespace kiosk::core {

enum class StatementPrinter : std::uint8_t { receipt, a4 };

}  // namespace kiosk::core
