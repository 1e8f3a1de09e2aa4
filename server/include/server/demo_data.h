#pragma once
// Demo members, plan enrolments, settlement records and a kiosk config for `--demo-data`.
// The ID numbers are those of the ID-card simulator's demo cards (assets/demo/cards/).
#include <expected>
#include <string>
#include <vector>

#include "server/database.h"

namespace server {

// A person on one of the ID-card simulator's demo cards (assets/demo/cards/*.card).
struct DemoCard {
  std::string id_number;
  std::string name;
};
const std::vector<DemoCard>& demo_cards();

// The LookupResponse bodies the demo serves: one per demo card, and the people of
// kiosk/store's demo claims (kDemoPeople), so claims made by `kioskctl claims add-demo` too
// belong to known members.
std::vector<nlohmann::json> demo_members();
nlohmann::json demo_config();

// Writes the demo members and config (replacing earlier demo rows); claims are untouched.
std::expected<void, std::string> load_demo_data(Database& db);

}  // namespace server
