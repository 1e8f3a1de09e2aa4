// Store::claim_lines: the person's claims as their progress screen and the records' claimed
// marks read them, found by ID number, without personal data.
#include <catch2/catch.hpp>

#include <span>

#include <fmt/core.h>

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
    "store: claim lines carry the upload state, the server's status and either side's reason") {
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
  REQUIRE(outbox
              .set_server_status(first.uuid, core::ClaimStatus::rejected, "结算单已在其他渠道报销",
                                 store::from_unix_ms(6000))
              .has_value());

  auto lines = s.claim_lines(store::demo_people()[0].id_number);
  REQUIRE(lines.has_value());
  REQUIRE(lines->size() == 2);
  CHECK(lines->at(0).upload == core::UploadState::quarantined);
  CHECK(lines->at(0).reason == "银行账号无效");
  CHECK(core::stage_of(lines->at(0)) == core::ClaimStage::staff_check);
  CHECK(lines->at(1).upload == core::UploadState::acked);
  CHECK(lines->at(1).status == core::ClaimStatus::rejected);
  CHECK(lines->at(1).reason == "结算单已在其他渠道报销");
  CHECK(core::stage_of(lines->at(1)) == core::ClaimStage::rejected);
  CHECK(s.check()->sound());
  // Kept encrypted: the words are nowhere in the files.
  REQUIRE(test::raw_exec(dir / "k.db", "PRAGMA wal_checkpoint(TRUNCATE)") == "");
  CHECK(test::read_bytes(dir / "k.db").find("其他渠道") == std::string::npos);

  // A later status without a reason replaces the old reason.
  REQUIRE(outbox
              .set_server_status(first.uuid, core::ClaimStatus::reviewing, std::nullopt,
                                 store::from_unix_ms(7000))
              .has_value());
  lines = s.claim_lines(store::demo_people()[0].id_number);
  CHECK(lines->at(1).status == core::ClaimStatus::reviewing);
  CHECK(lines->at(1).reason.empty());
}

TEST_CASE("store: a claim acked already rejected keeps the reason the server gave with it") {
  test::TempDir dir;
  auto s = test::open_store(dir / "k.db");
  core::Claim claim = store::demo_claim(0, "T-1");
  REQUIRE(s.save_claim(claim, store::from_unix_ms(1000)).has_value());
  store::Outbox outbox(s);
  auto sent = outbox.mark_sending(1, store::from_unix_ms(2000));
  REQUIRE(sent.has_value());
  store::SendOutcome acked;
  acked.id = sent->id;
  acked.kind = store::SendOutcome::Kind::acked;
  acked.server_claim_id = claim.uuid;
  acked.server_status = core::ClaimStatus::rejected;  // a resend of a claim staff refused
  acked.server_reason = "重复申报";
  REQUIRE(outbox.record(std::span(&acked, 1), store::from_unix_ms(2001)).has_value());
  auto lines = s.claim_lines(store::demo_people()[0].id_number);
  REQUIRE(lines->size() == 1);
  CHECK(lines->at(0).status == core::ClaimStatus::rejected);
  CHECK(lines->at(0).reason == "重复申报");
  // Decided, with its reason: the worker no longer asks about it.
  CHECK(s.undecided_claims(0, 10)->empty());
}

TEST_CASE("store: a server reason that does not decrypt is left out and named by store check") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  auto s = test::open_store(db);
  core::Claim first = store::demo_claim(0, "T-1");
  core::Claim second = store::demo_claim(3, "T-1");
  REQUIRE(s.save_claim(first, store::from_unix_ms(1000)).has_value());
  REQUIRE(s.save_claim(second, store::from_unix_ms(1001)).has_value());
  store::Outbox outbox(s);
  for (const auto* claim : {&first, &second}) {
    REQUIRE(outbox
                .set_server_status(claim->uuid, core::ClaimStatus::rejected, "理由",
                                   store::from_unix_ms(2000))
                .has_value());
  }
  // Another claim's sealed reason does not open in this claim's place.
  REQUIRE(test::raw_exec(db, fmt::format("UPDATE claims SET server_reason_enc = (SELECT "
                                         "server_reason_enc FROM claims WHERE uuid = '{}') "
                                         "WHERE uuid = '{}'",
                                         second.uuid, first.uuid)) == "");
  auto lines = s.claim_lines(store::demo_people()[0].id_number);
  REQUIRE(lines->size() == 2);
  CHECK(lines->at(0).reason == "理由");
  CHECK(lines->at(1).reason.empty());
  auto report = s.check();
  REQUIRE(report.has_value());
  REQUIRE(report->problems.size() == 1);
  CHECK(report->problems[0] ==
        fmt::format("claim {}: the server's reason does not decrypt", first.uuid));
}
