#pragma once
// Filling a kiosk store with demo claims and reading back what was delivered.
#include <filesystem>
#include <set>
#include <string>

#include "kiosk/store/store.h"

namespace kiosk::test {

store::Store open_store(const std::filesystem::path& db);
// Saves n demo claims (store::demo_claim) for DEMO-0001; returns their uuids.
std::set<std::string> save_demo_claims(store::Store& store, int n);
std::set<std::string> uuids_in_state(store::Store& store, store::OutboxState state);
// The idempotency keys `kiosk-central list-claims` prints; REQUIREs they are unique.
std::set<std::string> server_keys(const std::filesystem::path& central_db);

}  // namespace kiosk::test
