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
// kiosk/store's demo claims (demo_people()), so claims made by `kioskctl claims add-demo` too
// belong to known members.
std::vector<nlohmann::json> demo_members();
nlohmann::json demo_config();
// The demo's staff: S001 with PIN 246810 (published in docs; never a real PIN).
std::vector<StaffPin> demo_staff_pins();

// kiosk/store's demo claims (`kioskctl claims add-demo`, the sync tests, the benchmarks) carry
// settlement records "DEMO-<n>-<i>" made by kiosk::store::demo_claim(n). The demo insurer
// knows them: of `bill_ids`, those that demo claim n holds for this person, as Bill JSON.
// Others are left out. n below kDemoClaimLimit.
inline constexpr std::size_t kDemoClaimLimit = 10'000'000;
std::vector<nlohmann::json> demo_claim_bills(const std::string& id_number,
                                             const std::vector<std::string>& bill_ids);

// Writes the demo members, config and staff PINs (replacing earlier demo rows) and makes the
// demo claims' settlement records known; claims are untouched.
std::expected<void, std::string> load_demo_data(Database& db);

}  // namespace server
