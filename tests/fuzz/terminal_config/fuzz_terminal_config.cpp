// Feeds arbitrary bytes to the reader of the central server's Config and of the benefit rules
// it carries: a value or a message, never a crash; what they read keeps its promises, and
// rules that read are written back and read again to the same rules.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/api/config_json.h"
#include "kiosk/api/rules_json.h"

namespace {
void check(bool ok) {
  if (!ok) __builtin_trap();
}

void check_rules(std::string_view text) {
  auto rules = kiosk::api::rules_from_text(text);
  if (!rules) {
    check(!rules.error().empty());
    return;
  }
  check(kiosk::core::check_rules(*rules).has_value());
  auto back = kiosk::api::rules_from_text(kiosk::api::rules_to_json(*rules).dump());
  check(back.has_value() && *back == *rules);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = kiosk::api::config_from_text(text);
  if (config) {
    check(!config->version.empty());
    check(config->notices.size() <= kiosk::api::kMaxNotices);
    for (const auto& pin : config->staff_pins) check(!pin.staff_id.empty());
    check_rules(config->benefit_rules);
  } else {
    check(!config.error().empty());
    // Bytes that are no Config may still be a rules document of their own.
    check_rules(text);
  }
  return 0;
}
