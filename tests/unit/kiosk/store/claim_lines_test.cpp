// Store::claim_lines: the person's claims as their progress screen and the records' claimed
// marks read them, found by ID number, without personal data.
#include <catch2/catch.hpp>

#include "kiosk/store/demo_claims.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/store.h"
#include "store_fixture.h"

using namespace kiosk;

TEST_CASE("store: claim lines list the person's claims newest first with the records they claim") {
  test::TempDir dir;
  auto s = test::open_store(dir / "k.db");
  std::vector<core::Claim> claims;
  for (std::size_t i = 0; i < 4; ++i) {  // demo people repeat every three claims
    core::Claim claim = store::demo_claim(i, "T-1");
    REQUIRE(
        s.save_claim(claim, store::from_unix_ms(1000 + static_cast<std::int64_t>(i))).has_value());
    claims.push_back(claim);
  }
  auto lines = s.claim_lines(store::demo_people()[0].id_number);
  REQUIRE(lines.has_value());
  REQUIRE(lines->size() == 2);
  const auto& newest = lines->at(0);
  CHECK(newest.number == core::short_id(claims[3].uuid));
  CHECK(newest.date == core::date_cst(claims[3].created_at));
  CHECK(newest.upload == core::UploadState::pending);
  CHECK_FALSE(newest.status.has_value());
  CHECK(newest.benefit_fen == claims[3].estimate.total_benefit_fen);
  REQUIRE(newest.bill_ids.size() == claims[3].bills.size());
  for (std::size_t i = 0; i < newest.bill_ids.size(); ++i) {
    CHECK(newest.bill_ids[i] == claims[3].bills[i].id);
  }
  CHECK(lines->at(1).number == core::short_id(claims[0].uuid));
  CHECK(s.claim_lines("11010119900307001X")->empty());
}

TEST_CASE(
    "store: claim lines carry the upload state, the server's status and a quarantine reason") {
  test::TempDir dir;
  auto s = test::open_store(dir / "k.db");
  core::Claim first = store::demo_claim(0, "T-1");
  core::Claim second = store::demo_claim(3, "T-1");  // the same person
  REQUIRE(s.save_claim(first, store::from_unix_ms(1000)).has_value());
  REQUIRE(s.save_claim(second, store::from_unix_ms(1001)).has_value());
  store::Outbox outbox(s);
  auto due = outbox.due(store::from_unix_ms(5000), 10);
  REQUIRE(due.has_value());
  REQUIRE(due->size() == 2);
  for (const auto& item : *due)
    REQUIRE(outbox.mark_sending(item.id, store::from_unix_ms(5000)).has_value());
  for (const auto& item : *due) {
    if (item.claim_uuid == first.uuid) {
      REQUIRE(
          outbox.mark_acked(item.id, "C-1", core::ClaimStatus::received, store::from_unix_ms(5001))
              .has_value());
    } else {
      REQUIRE(outbox
                  .mark_quarantined(item.id, core::ErrorClass::validation, "银行账号无效",
                                    store::from_unix_ms(5001))
                  .has_value());
    }
  }
  REQUIRE(
      outbox.set_server_status(first.uuid, core::ClaimStatus::rejected, store::from_unix_ms(6000))
          .has_value());

  auto lines = s.claim_lines(store::demo_people()[0].id_number);
  REQUIRE(lines.has_value());
  REQUIRE(lines->size() == 2);
  CHECK(lines->at(0).upload == core::UploadState::quarantined);
  CHECK(lines->at(0).reason == "银行账号无效");
  CHECK(core::stage_of(lines->at(0)) == core::ClaimStage::staff_check);
  CHECK(lines->at(1).upload == core::UploadState::acked);
  CHECK(lines->at(1).status == core::ClaimStatus::rejected);
  CHECK(lines->at(1).reason.empty());  // the store keeps no reason for a server's refusal
  CHECK(core::stage_of(lines->at(1)) == core::ClaimStage::rejected);
}
