#include <catch2/catch.hpp>

#include <fstream>

#include <sys/stat.h>

#include "base/sha256.h"
#include "kiosk/api/claim_json.h"
#include "kiosk/core/validation.h"
#include "kiosk/store/demo_claims.h"
#include "kiosk/store/schema.h"
#include "kiosk/store/store.h"
#include "store_fixture.h"

using namespace kiosk;
using store::Error;

TEST_CASE("store: a saved claim reads back field for field") {
  test::TempDir dir;
  auto s = test::open_store(dir / "k.db");
  CHECK(s.open_report().created);
  core::Claim claim = store::demo_claim(2, "T-1");
  const core::Claim original = claim;
  auto saved = s.save_claim(claim, store::from_unix_ms(1'700'000'000'000));
  REQUIRE(saved.has_value());
  CHECK(saved->sequence == 1);
  CHECK(claim.sequence == 1);

  auto loaded = s.load_claim(claim.uuid);
  REQUIRE(loaded.has_value());
  const core::Claim& back = loaded->claim;
  CHECK(back.uuid == original.uuid);
  CHECK(back.terminal_id == "T-1");
  CHECK(back.sequence == 1);
  CHECK(back.member.id_number == original.member.id_number);
  CHECK(back.member.name == original.member.name);
  CHECK(back.member.phone == original.member.phone);
  CHECK(back.member.union_name == original.member.union_name);
  CHECK(back.bank_account == original.bank_account);
  CHECK(back.bills == original.bills);
  CHECK(back.estimate == original.estimate);
  CHECK(back.commitment.text_version == original.commitment.text_version);
  CHECK(back.commitment.signature_sha256 == original.commitment.signature_sha256);
  CHECK(core::format_rfc3339_cst(back.created_at) == core::format_rfc3339_cst(claim.created_at));
  CHECK(loaded->summary.state == store::OutboxState::pending);
  CHECK(loaded->summary.name_masked == "王*");
  CHECK(loaded->summary.id_number_masked == "110101********0011");
  CHECK(loaded->summary.bill_count == 3);
  CHECK(saved->body_sha256 == base::sha256_hex(api::claim_request_body(back)));
}

TEST_CASE("store: sequences grow, lists are newest first, lookups go by ID number") {
  test::TempDir dir;
  auto s = test::open_store(dir / "k.db");
  std::vector<std::string> uuids;
  for (std::size_t i = 0; i < 4; ++i) {
    core::Claim claim = store::demo_claim(i, "T-1");
    REQUIRE(
        s.save_claim(claim, store::from_unix_ms(1000 + static_cast<std::int64_t>(i))).has_value());
    CHECK(claim.sequence == static_cast<std::int64_t>(i) + 1);
    uuids.push_back(claim.uuid);
  }
  auto all = s.list_claims();
  REQUIRE(all->size() == 4);
  CHECK(all->front().uuid == uuids.back());
  CHECK(s.list_claims(2)->size() == 2);
  // Demo people repeat every three claims: claims 0 and 3 are the same person.
  auto mine = s.claims_of(store::demo_people()[0].id_number);
  REQUIRE(mine->size() == 2);
  CHECK(mine->at(0).uuid == uuids[3]);
  CHECK(mine->at(1).uuid == uuids[0]);
  CHECK(s.claims_of("110101199003070011")->size() == 1);
  CHECK(s.claims_of("11010119900307001X")->empty());
}

TEST_CASE("store: a refused claim writes nothing") {
  test::TempDir dir;
  auto s = test::open_store(dir / "k.db");
  core::Claim claim = store::demo_claim(0, "T-1");
  REQUIRE(s.save_claim(claim, store::from_unix_ms(1)).has_value());
  core::Claim again = claim;
  again.sequence = 0;
  auto duplicate = s.save_claim(again, store::from_unix_ms(2));
  REQUIRE_FALSE(duplicate.has_value());
  CHECK(duplicate.error().kind == Error::Kind::invalid);
  CHECK(again.sequence == 0);

  core::Claim no_uuid = store::demo_claim(1, "T-1");
  no_uuid.uuid = "not-a-uuid";
  CHECK(s.save_claim(no_uuid, store::from_unix_ms(3)).error().kind == Error::Kind::invalid);
  core::Claim no_bills = store::demo_claim(1, "T-1");
  no_bills.bills.clear();
  CHECK_FALSE(s.save_claim(no_bills, store::from_unix_ms(3)).has_value());
  core::Claim negative = store::demo_claim(1, "T-1");
  negative.bills[0].cash_paid_fen = -1;
  CHECK_FALSE(s.save_claim(negative, store::from_unix_ms(3)).has_value());
  CHECK(s.list_claims()->size() == 1);
  CHECK(store::Outbox(s).counts(store::from_unix_ms(10))->pending == 1);
  CHECK(s.check()->sound());
}

TEST_CASE("store: settings and the settlement cache") {
  test::TempDir dir;
  auto s = test::open_store(dir / "k.db");
  CHECK_FALSE(s.setting("terminal_id")->has_value());
  REQUIRE(s.set_setting("terminal_id", "GH-0001").has_value());
  REQUIRE(s.set_setting("terminal_id", "GH-0002").has_value());
  CHECK(s.setting("terminal_id")->value() == "GH-0002");
  CHECK_FALSE(s.set_setting("key_check", "x").has_value());

  const core::Claim demo = store::demo_claim(2, "T");
  const std::string id(store::demo_people()[2].id_number);
  REQUIRE(s.cache_settlements(id, demo.bills, store::from_unix_ms(1000)).has_value());
  auto cached = s.cached_settlements(id, store::Millis{500}, store::from_unix_ms(1400));
  REQUIRE(cached.has_value());
  REQUIRE(cached->has_value());
  CHECK(**cached == demo.bills);
  CHECK_FALSE(s.cached_settlements(id, store::Millis{500}, store::from_unix_ms(1600))
                  ->has_value());  // too old
  CHECK_FALSE(
      s.cached_settlements("11010519491231002X", store::Millis{500}, store::from_unix_ms(1400))
          ->has_value());
}

TEST_CASE("store: purge removes personal data of claims acked long enough ago") {
  test::TempDir dir;
  auto s = test::open_store(dir / "k.db");
  store::Outbox outbox(s);
  const std::int64_t day = 86'400'000;
  core::Claim synced = store::demo_claim(0, "T");
  core::Claim waiting = store::demo_claim(1, "T");
  auto first = s.save_claim(synced, store::from_unix_ms(1 * day));
  REQUIRE(s.save_claim(waiting, store::from_unix_ms(1 * day)).has_value());
  REQUIRE(outbox.mark_sending(first->outbox_id, store::from_unix_ms(2 * day)).has_value());
  REQUIRE(outbox
              .mark_acked(first->outbox_id, "C-1", core::ClaimStatus::received,
                          store::from_unix_ms(2 * day))
              .has_value());

  CHECK(s.purge_synced_personal_data(30, store::from_unix_ms(31 * day)).value() ==
        0);  // 29 days: kept
  CHECK(s.purge_synced_personal_data(30, store::from_unix_ms(33 * day)).value() == 1);
  CHECK(s.purge_synced_personal_data(30, store::from_unix_ms(34 * day)).value() ==
        0);  // already done
  auto gone = s.load_claim(synced.uuid);
  REQUIRE(gone.has_value());
  CHECK(gone->summary.purged);
  CHECK(gone->claim.member.id_number.empty());
  CHECK(gone->claim.bank_account.empty());
  CHECK(gone->summary.id_number_masked == "440306********2236");
  CHECK(gone->claim.bills == synced.bills);
  auto kept = s.load_claim(waiting.uuid);
  CHECK_FALSE(kept->summary.purged);
  CHECK(kept->claim.member.id_number == waiting.member.id_number);
  CHECK(s.check()->sound());
  CHECK_FALSE(s.purge_synced_personal_data(-1, store::from_unix_ms(0)).has_value());
}

TEST_CASE("store: key file is created 0600 and must fit the database") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  const auto key = dir / "k.db.key";
  {
    auto s = test::open_store(db);
    core::Claim claim = store::demo_claim(0, "T");
    REQUIRE(s.save_claim(claim, store::from_unix_ms(1)).has_value());
  }
  struct stat st {};
  REQUIRE(::stat(key.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(st.st_size == 32);
  REQUIRE(::stat(db.c_str(), &st) == 0);
  CHECK((st.st_mode & 077) == 0);

  // Readable by others: refused with the command that fixes it.
  ::chmod(key.c_str(), 0644);
  auto open = store::Store::open(test::options_for(db));
  REQUIRE_FALSE(open.has_value());
  CHECK(open.error().kind == Error::Kind::key);
  CHECK(open.error().message.find("chmod 600") != std::string::npos);
  ::chmod(key.c_str(), 0600);

  // Another key: refused, and the database is untouched.
  const std::string right_key = test::read_bytes(key);
  std::filesystem::remove(key);
  auto other = store::Store::open(test::options_for(db));  // data exists: no new key
  REQUIRE_FALSE(other.has_value());
  CHECK(other.error().kind == Error::Kind::key);
  CHECK_FALSE(std::filesystem::exists(key));
  auto fresh = test::TempDir();
  { auto unrelated = test::open_store(fresh / "other.db"); }
  std::filesystem::copy_file(fresh / "other.db.key", key);
  auto wrong = store::Store::open(test::options_for(db));
  REQUIRE_FALSE(wrong.has_value());
  CHECK(wrong.error().kind == Error::Kind::key);
  CHECK(wrong.error().message.find("does not belong") != std::string::npos);
  std::filesystem::remove(key);
  {
    std::ofstream out(key, std::ios::binary);
    out << right_key;
  }
  ::chmod(key.c_str(), 0600);
  auto again = store::Store::open(test::options_for(db));
  REQUIRE(again.has_value());
  CHECK(again->list_claims()->size() == 1);
}

TEST_CASE("store: no personal value is in the database file in plain text") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  {
    auto s = test::open_store(db);
    for (std::size_t i = 0; i < 6; ++i) {
      core::Claim claim = store::demo_claim(i, "T");
      REQUIRE(s.save_claim(claim, store::from_unix_ms(1)).has_value());
      REQUIRE(
          s.cache_settlements(claim.member.id_number.reveal(), claim.bills, store::from_unix_ms(1))
              .has_value());
    }
  }
  std::string bytes;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    auto file = db;
    file += suffix;
    if (std::filesystem::exists(file)) bytes += test::read_bytes(file);
  }
  REQUIRE(bytes.size() > 4096);
  for (const auto& person : store::demo_people()) {
    CHECK(bytes.find(person.id_number) == std::string::npos);
    CHECK(bytes.find(person.name) == std::string::npos);
    CHECK(bytes.find(person.phone) == std::string::npos);
    CHECK(bytes.find(person.bank_account) == std::string::npos);
  }
  // Bill details are health data: hospitals, settlement numbers, dates and plans are sealed.
  for (std::size_t i = 0; i < 6; ++i) {
    // The estimate names the kind of care (the plan) too.
    for (const auto& plan : store::demo_claim(i, "T").estimate.plans) {
      CHECK(bytes.find(plan.plan_name) == std::string::npos);
    }
    for (const auto& bill : store::demo_claim(i, "T").bills) {
      CHECK(bytes.find(bill.institution) == std::string::npos);
      CHECK(bytes.find(bill.id) == std::string::npos);
      CHECK(bytes.find(core::format_date(bill.discharged)) == std::string::npos);
    }
  }
  CHECK(bytes.find("110101********0011") != std::string::npos);  // the search itself works
}

TEST_CASE("store: unsynced history sums what waiting claims used, per plan and year") {
  test::TempDir dir;
  auto s = test::open_store(dir / "k.db");
  store::Outbox outbox(s);
  const std::string id(store::demo_people()[0].id_number);
  auto claim_with = [&](std::vector<core::PlanEstimate> plans) {
    core::Claim claim = store::demo_claim(0, "T");  // demo person 0
    claim.estimate.plans = std::move(plans);
    auto saved = s.save_claim(claim, store::from_unix_ms(1));
    REQUIRE(saved.has_value());
    return saved->outbox_id;
  };
  claim_with({{"inpatient", "住院", 2026, 1000, 100, {}}, {"chronic", "慢", 2026, 50, 5, {}}});
  claim_with({{"inpatient", "住院", 2026, 2000, 200, {}}, {"inpatient", "住院", 2025, 7, 0, {}}});
  const auto acked = claim_with({{"inpatient", "住院", 2026, 90000, 9000, {}}});
  REQUIRE(outbox.mark_sending(acked, store::from_unix_ms(2)).has_value());
  REQUIRE(outbox.mark_acked(acked, "C", core::ClaimStatus::received, store::from_unix_ms(3))
              .has_value());
  core::Claim other = store::demo_claim(1, "T");  // another person
  REQUIRE(s.save_claim(other, store::from_unix_ms(1)).has_value());

  auto history = s.unsynced_history(id);
  REQUIRE(history.has_value());
  CHECK(*history == std::vector<core::PlanHistory>{{"inpatient", 2026, 3000, 300},
                                                   {"chronic", 2026, 50, 5},
                                                   {"inpatient", 2025, 7, 0}});
  CHECK(s.unsynced_history("110101199003070011")->empty());
}

TEST_CASE("the demo people come from assets/demo/people.toml and are valid", "[store][demo]") {
  const auto& people = store::demo_people();
  REQUIRE(people.size() == 3);
  CHECK(people[0].name == "张伟");
  for (const auto& person : people) {
    CHECK(core::validate_id_number(person.id_number));
    CHECK(core::validate_mobile(person.phone));
    CHECK(core::luhn_valid(person.bank_account));
  }
}
