#pragma once
// The benefit rules the demo claims are estimated under: assets/rules/mutual-aid.toml, the
// example rules the terminal ships with, built into the library so there is one copy of them.
#include <string_view>

namespace kiosk::store {

// The text of assets/rules/mutual-aid.toml as it was when the library was built.
std::string_view demo_rules_toml();

}  // namespace kiosk::store
