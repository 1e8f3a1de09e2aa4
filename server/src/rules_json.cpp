#include "server/rules_json.h"

#include "kiosk/api/rules_json.h"

namespace server {

// The kiosk reads the published rules with the same codec, so both estimate with the same
// rules read the same way.
std::expected<kiosk::core::Rules, std::string> rules_from_json(const nlohmann::json& rules) {
  return kiosk::api::rules_from_json(rules);
}

}  // namespace server
