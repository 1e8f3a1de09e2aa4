// The kiosk's configuration file is outside bytes: any text must give a Config or a message,
// never a crash, a hang or an exception escaping.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/app/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = kiosk::app::parse_config(text, "fuzz.toml");
  if (!config && config.error().empty()) __builtin_trap();  // every refusal says why
  return 0;
}
