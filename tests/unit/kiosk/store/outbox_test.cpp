#include <catch2/catch.hpp>

#include "base/sha256.h"
#include "kiosk/api/claim_json.h"
#include "kiosk/store/demo_claims.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/store.h"
#include "store_fixture.h"

using namespace kiosk;
using store::Error;
using store::OutboxState;

namespace {
struct Queue {
  test::TempDir dir;
  store::Store s = test::open_store(dir / "k.db");
  store::Outbox outbox{s};
  std::vector<core::Claim> claims;
  std::vector<std::int64_t> ids;

  explicit Queue(int n) {
    for (int i = 0; i < n; ++i) {
      claims.push_back(store::demo_claim(static_cast<std::size_t>(i), "T"));
      auto saved = s.save_claim(claims.back(), store::from_unix_ms(1000 + i));
      REQUIRE(saved.has_value());
      ids.push_back(saved->outbox_id);
    }
  }
};

std::vector<std::int64_t> due_ids(store::Outbox& outbox, std::int64_t now) {
  std::vector<std::int64_t> ids;
  const auto due = outbox.due(store::from_unix_ms(now), 100).value();
  for (const auto& item : due) ids.push_back(item.id);
  return ids;
}
}  // namespace

TEST_CASE("outbox: a saved claim is due at once, its body fixed when it was saved") {
  Queue q(3);
  auto due = q.outbox.due(store::from_unix_ms(5000), 10);
  REQUIRE(due.has_value());
  REQUIRE(due->size() == 3);
  CHECK(due->at(0).claim_uuid == q.claims[0].uuid);
  CHECK(due->at(0).state == OutboxState::pending);
  CHECK(due->at(0).attempts == 0);
  CHECK_FALSE(due->at(0).frozen);
  CHECK(due->at(0).body.empty());  // mark_sending hands out the body
  CHECK(due->at(0).body_sha256 == base::sha256_hex(api::claim_request_body(q.claims[0])));
  CHECK(q.outbox.due(store::from_unix_ms(5000), 2)->size() == 2);
  CHECK(q.outbox.due(store::from_unix_ms(1000), 10)->size() ==
        1);  // only the first existed at 1000
}

TEST_CASE("outbox: sending counts the attempt and freezes the body") {
  Queue q(1);
  auto item = q.outbox.mark_sending(q.ids[0], store::from_unix_ms(2000));
  REQUIRE(item.has_value());
  CHECK(item->state == OutboxState::sending);
  CHECK(item->attempts == 1);
  CHECK(item->frozen);
  CHECK(item->body == api::claim_request_body(q.claims[0]));
  CHECK(q.outbox.due(store::from_unix_ms(9000), 10)->empty());  // sending is not due
  // A second send of the same item before an outcome is refused.
  CHECK(q.outbox.mark_sending(q.ids[0], store::from_unix_ms(2001)).error().kind ==
        Error::Kind::wrong_state);
  // The database itself refuses to change a frozen body.
  const std::string refused =
      test::raw_exec(q.dir / "k.db", "UPDATE outbox SET body_sha256 = 'x' WHERE id = 1");
  CHECK(refused.find("frozen") != std::string::npos);
}

TEST_CASE("outbox: retry waits, quarantine does not block the others") {
  Queue q(3);
  REQUIRE(q.outbox.mark_sending(q.ids[0], store::from_unix_ms(2000)).has_value());
  REQUIRE(q.outbox
              .mark_retry(q.ids[0], store::from_unix_ms(60'000), core::ErrorClass::network,
                          "timeout after 10 s", store::from_unix_ms(2001))
              .has_value());
  REQUIRE(q.outbox.mark_sending(q.ids[1], store::from_unix_ms(2002)).has_value());
  REQUIRE(q.outbox
              .mark_quarantined(q.ids[1], core::ErrorClass::validation, "bank account refused",
                                store::from_unix_ms(2003))
              .has_value());
  // Head not yet due, second quarantined: the third is still served.
  CHECK(due_ids(q.outbox, 3000) == std::vector<std::int64_t>{q.ids[2]});
  CHECK(due_ids(q.outbox, 60'000) == std::vector<std::int64_t>{q.ids[0], q.ids[2]});
  auto retried = q.outbox.mark_sending(q.ids[0], store::from_unix_ms(60'001));
  REQUIRE(retried.has_value());
  CHECK(retried->attempts == 2);
  CHECK(retried->last_error_class == core::ErrorClass::network);
  CHECK(retried->last_error_message == "timeout after 10 s");

  auto quarantined = q.outbox.items(OutboxState::quarantined, 10);
  REQUIRE(quarantined->size() == 1);
  CHECK(quarantined->at(0).last_error_message == "bank account refused");
  CHECK(quarantined->at(0).body.empty());  // listings carry no bodies
  CHECK(q.outbox.requeue(q.ids[2], store::from_unix_ms(70'000)).error().kind ==
        Error::Kind::wrong_state);
  REQUIRE(q.outbox.requeue(q.ids[1], store::from_unix_ms(70'000)).has_value());
  CHECK(due_ids(q.outbox, 70'000) == std::vector<std::int64_t>{q.ids[1], q.ids[2]});
  CHECK(q.outbox.mark_sending(999, store::from_unix_ms(1)).error().kind == Error::Kind::not_found);
}

TEST_CASE("outbox: ack records the server's answer on the claim") {
  Queue q(2);
  REQUIRE(q.outbox.mark_sending(q.ids[0], store::from_unix_ms(2000)).has_value());
  CHECK(q.outbox.mark_acked(q.ids[1], "C-2", core::ClaimStatus::received, store::from_unix_ms(2001))
            .error()
            .kind == Error::Kind::wrong_state);  // never sent
  REQUIRE(
      q.outbox.mark_acked(q.ids[0], "C-1", core::ClaimStatus::received, store::from_unix_ms(2500))
          .has_value());
  auto claim = q.s.load_claim(q.claims[0].uuid);
  CHECK(claim->summary.state == OutboxState::acked);
  CHECK(claim->summary.server_claim_id == "C-1");
  CHECK(claim->summary.server_status == core::ClaimStatus::received);
  REQUIRE(q.outbox
              .set_server_status(q.claims[0].uuid, core::ClaimStatus::approved, std::nullopt,
                                 store::from_unix_ms(3000))
              .has_value());
  CHECK(q.s.load_claim(q.claims[0].uuid)->summary.server_status == core::ClaimStatus::approved);
  CHECK(q.outbox
            .set_server_status("00000000-0000-4000-8000-000000000000", core::ClaimStatus::paid,
                               std::nullopt, store::from_unix_ms(1))
            .error()
            .kind == Error::Kind::not_found);
  CHECK(q.outbox
            .mark_retry(q.ids[0], store::from_unix_ms(1), core::ErrorClass::network, "",
                        store::from_unix_ms(3000))
            .error()
            .kind == Error::Kind::wrong_state);  // acked is final
}

TEST_CASE("outbox: interrupted sends become retry_wait at start, counts tell the truth") {
  Queue q(4);
  REQUIRE(q.outbox.mark_sending(q.ids[0], store::from_unix_ms(2000)).has_value());
  REQUIRE(
      q.outbox.mark_acked(q.ids[0], "C-1", core::ClaimStatus::received, store::from_unix_ms(2100))
          .has_value());
  REQUIRE(q.outbox.mark_sending(q.ids[1], store::from_unix_ms(2200)).has_value());
  REQUIRE(q.outbox.mark_sending(q.ids[2], store::from_unix_ms(2300)).has_value());
  REQUIRE(
      q.outbox
          .mark_quarantined(q.ids[2], core::ErrorClass::validation, "no", store::from_unix_ms(2400))
          .has_value());
  auto counts = q.outbox.counts(store::from_unix_ms(10'000));
  REQUIRE(counts.has_value());
  CHECK(counts->acked == 1);
  CHECK(counts->sending == 1);
  CHECK(counts->quarantined == 1);
  CHECK(counts->pending == 1);
  CHECK(counts->retry_wait == 0);
  CHECK(counts->oldest_pending_age ==
        std::chrono::milliseconds(10'000 - 1001));  // claim 1, saved at 1001
  CHECK(counts->last_acked == store::from_unix_ms(2100));
  CHECK(counts->last_error_class == core::ErrorClass::validation);

  CHECK(q.outbox.reset_sending_at_start(store::from_unix_ms(20'000)).value() == 1);
  CHECK(q.outbox.reset_sending_at_start(store::from_unix_ms(20'000)).value() == 0);
  counts = q.outbox.counts(store::from_unix_ms(20'000));
  CHECK(counts->sending == 0);
  CHECK(counts->retry_wait == 1);
  auto again = q.outbox.mark_sending(q.ids[1], store::from_unix_ms(20'001));
  REQUIRE(again.has_value());
  CHECK(again->attempts == 2);
  CHECK(again->body == api::claim_request_body(q.claims[1]));
  CHECK(q.s.check()->sound());
}

TEST_CASE("outbox: a window is marked sending at once, items that moved are left out") {
  Queue q(4);
  REQUIRE(
      q.outbox.mark_sending(q.ids[1], store::from_unix_ms(1500)).has_value());  // already in flight
  const std::vector<std::int64_t> window = {q.ids[0], q.ids[1], q.ids[2], 999};
  auto items = q.outbox.mark_sending(window, store::from_unix_ms(2000));
  REQUIRE(items.has_value());
  REQUIRE(items->size() == 2);
  CHECK(items->at(0).id == q.ids[0]);
  CHECK(items->at(1).id == q.ids[2]);
  for (const auto& item : *items) {
    CHECK(item.state == OutboxState::sending);
    CHECK(item.attempts == 1);
    CHECK(item.body_sha256 == base::sha256_hex(item.body));
  }
  CHECK(items->at(1).body == api::claim_request_body(q.claims[2]));
  const auto counts = q.outbox.counts(store::from_unix_ms(3000)).value();
  CHECK(counts.sending == 3);
  CHECK(counts.pending == 1);
  CHECK(q.s.check()->sound());
}

TEST_CASE("outbox: a window's outcomes are recorded together, a request never sent is uncounted") {
  Queue q(5);
  REQUIRE(q.outbox.mark_sending(q.ids[4], store::from_unix_ms(1900)).has_value());
  REQUIRE(q.outbox
              .mark_retry(q.ids[4], store::from_unix_ms(1950), core::ErrorClass::network, "reset",
                          store::from_unix_ms(1901))
              .has_value());
  auto items = q.outbox.mark_sending(q.ids, store::from_unix_ms(2000));
  REQUIRE(items->size() == 5);
  CHECK(items->at(4).attempts == 2);

  using Kind = store::SendOutcome::Kind;
  std::vector<store::SendOutcome> outcomes(5);
  for (std::size_t i = 0; i < 5; ++i) outcomes[i].id = q.ids[i];
  outcomes[0].kind = Kind::acked;
  outcomes[0].server_claim_id = q.claims[0].uuid;
  outcomes[0].server_status = core::ClaimStatus::received;
  outcomes[1].kind = Kind::quarantined;
  outcomes[1].error_class = core::ErrorClass::validation;
  outcomes[1].message = "bank account refused";
  outcomes[2].kind = Kind::retry;
  outcomes[2].next_attempt = store::from_unix_ms(40'000);
  outcomes[2].error_class = core::ErrorClass::network;
  outcomes[2].message = "connection reset";
  outcomes[3].kind = Kind::not_sent;
  outcomes[4].kind = Kind::not_sent;
  REQUIRE(q.outbox.record(outcomes, store::from_unix_ms(2100)).has_value());

  const auto all = q.outbox.items(std::nullopt, 0).value();
  REQUIRE(all.size() == 5);
  CHECK(all[0].state == OutboxState::acked);
  CHECK(all[1].state == OutboxState::quarantined);
  CHECK(all[1].last_error_message == "bank account refused");
  CHECK(all[2].state == OutboxState::retry_wait);
  CHECK(all[2].next_attempt == store::from_unix_ms(40'000));
  CHECK(all[2].last_error_message == "connection reset");
  // Never sent: back where they were, the attempt given back.
  CHECK(all[3].state == OutboxState::pending);
  CHECK(all[3].attempts == 0);
  CHECK(all[4].state == OutboxState::retry_wait);
  CHECK(all[4].attempts == 1);
  CHECK(all[4].next_attempt == store::from_unix_ms(1950));
  CHECK(q.s.load_claim(q.claims[0].uuid)->summary.server_status == core::ClaimStatus::received);
  CHECK(due_ids(q.outbox, 2200) == std::vector<std::int64_t>{q.ids[3], q.ids[4]});
  CHECK(q.s.check()->sound());
}

TEST_CASE("outbox: a window's outcomes are all or nothing") {
  Queue q(2);
  REQUIRE(q.outbox.mark_sending(q.ids[0], store::from_unix_ms(2000)).has_value());
  std::vector<store::SendOutcome> outcomes(2);
  outcomes[0].id = q.ids[0];
  outcomes[1].id = q.ids[1];  // pending, never marked sending
  CHECK(q.outbox.record(outcomes, store::from_unix_ms(2100)).error().kind ==
        Error::Kind::wrong_state);
  // The first stays `sending`: after a restart it is sent again and the server deduplicates.
  CHECK(q.outbox.counts(store::from_unix_ms(3000))->sending == 1);
  CHECK(q.outbox.counts(store::from_unix_ms(3000))->acked == 0);
}

TEST_CASE("outbox: a body that no longer reads back is set aside and holds up nobody") {
  Queue q(3);
  // Not yet frozen, so the database lets a stray write replace the ciphertext.
  test::raw_exec(q.dir / "k.db", "UPDATE outbox SET body_enc = x'0102' WHERE id = 2");
  auto items = q.outbox.mark_sending(q.ids, store::from_unix_ms(2000));
  REQUIRE(items.has_value());
  REQUIRE(items->size() == 2);
  CHECK(items->at(0).id == q.ids[0]);
  CHECK(items->at(1).id == q.ids[2]);
  const auto damaged = q.outbox.items(OutboxState::quarantined, 0).value();
  REQUIRE(damaged.size() == 1);
  CHECK(damaged[0].id == q.ids[1]);
  CHECK(damaged[0].attempts == 0);
  CHECK(damaged[0].last_error_class == core::ErrorClass::damaged);
  CHECK_FALSE(damaged[0].last_error_message.empty());
  CHECK(q.outbox.mark_sending(q.ids[1], store::from_unix_ms(2100)).error().kind ==
        Error::Kind::wrong_state);
}

TEST_CASE("outbox: undecided claims are the acked ones not yet paid or rejected, in turns") {
  Queue q(5);
  for (int i = 0; i < 4; ++i) {
    REQUIRE(q.outbox.mark_sending(q.ids[i], store::from_unix_ms(2000)).has_value());
    REQUIRE(q.outbox
                .mark_acked(q.ids[i], q.claims[i].uuid, core::ClaimStatus::received,
                            store::from_unix_ms(2100))
                .has_value());
  }
  REQUIRE(q.outbox
              .set_server_status(q.claims[1].uuid, core::ClaimStatus::paid, std::nullopt,
                                 store::from_unix_ms(3000))
              .has_value());
  REQUIRE(q.outbox
              .set_server_status(q.claims[2].uuid, core::ClaimStatus::reviewing, std::nullopt,
                                 store::from_unix_ms(3000))
              .has_value());
  auto uuids = [&](std::int64_t after, int limit) {
    std::vector<std::string> out;
    const auto claims = q.s.undecided_claims(after, limit).value();
    for (const auto& c : claims) out.push_back(c.uuid);
    return out;
  };
  // Claim 4 is not acked, claim 1 is paid.
  CHECK(uuids(0, 10) ==
        std::vector<std::string>{q.claims[0].uuid, q.claims[2].uuid, q.claims[3].uuid});
  CHECK(uuids(0, 2) == std::vector<std::string>{q.claims[0].uuid, q.claims[2].uuid});
  const auto third = q.s.load_claim(q.claims[2].uuid)->summary.sequence;
  CHECK(uuids(third, 2) == std::vector<std::string>{q.claims[3].uuid});
}
