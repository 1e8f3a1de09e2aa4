#include "outbox_util.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness.h"
#include "kiosk/store/demo_claims.h"

namespace kiosk::test {

store::Store open_store(const std::filesystem::path& db) {
  store::StoreOptions options;
  options.db_path = db;
  auto opened = store::Store::open(options);
  INFO((opened ? std::string() : opened.error().message));
  REQUIRE(opened);
  return std::move(*opened);
}

std::set<std::string> save_demo_claims(store::Store& store, int n) {
  std::set<std::string> uuids;
  for (int i = 0; i < n; ++i) {
    core::Claim claim = store::demo_claim(static_cast<std::size_t>(i), "DEMO-0001");
    auto saved = store.save_claim(claim, store::now());
    INFO((saved ? std::string() : saved.error().message));
    REQUIRE(saved);
    uuids.insert(claim.uuid);
  }
  REQUIRE(uuids.size() == static_cast<std::size_t>(n));
  return uuids;
}

std::set<std::string> uuids_in_state(store::Store& store, store::OutboxState state) {
  auto items = store::Outbox(store).items(state, 1'000'000);
  REQUIRE(items);
  std::set<std::string> uuids;
  for (const auto& item : *items) uuids.insert(item.claim_uuid);
  REQUIRE(uuids.size() == items->size());
  return uuids;
}

std::set<std::string> server_keys(const std::filesystem::path& central_db) {
  std::set<std::string> keys;
  const auto lines = list_claims(central_db);
  for (const auto& line : lines) {
    const auto record = nlohmann::json::parse(line);
    keys.insert(record.at("idempotency_key").get<std::string>());
    CHECK(record.at("status") == "received");
  }
  REQUIRE(keys.size() == lines.size());  // one line per key: no claim stored twice
  return keys;
}

}  // namespace kiosk::test
