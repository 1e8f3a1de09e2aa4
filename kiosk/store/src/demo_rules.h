#pragma once
// What the demo claims are made of, built into the library so there is one copy of each: the
// benefit rules they are estimated under (assets/rules/mutual-aid.toml, the example rules the
// terminal ships with) and the demo people (assets/demo/people.toml).
#include <string_view>

namespace kiosk::store {

// The text of assets/rules/mutual-aid.toml as it was when the library was built.
std::string_view demo_rules_toml();
// The text of assets/demo/people.toml, the same way.
std::string_view demo_people_toml();

}  // namespace kiosk::store
