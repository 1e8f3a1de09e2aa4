// Feeds arbitrary bytes to the reader of the central server's Config: a value or a message,
// never a crash; what it reads keeps its promises.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/api/config_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = kiosk::api::config_from_text(text);
  if (config) {
    if (config->version.empty()) __builtin_trap();
    if (config->notices.size() > kiosk::api::kMaxNotices) __builtin_trap();
    for (const auto& pin : config->staff_pins) {
      if (pin.staff_id.empty()) __builtin_trap();
    }
  } else if (config.error().empty()) {
    __builtin_trap();
  }
  return 0;
}
