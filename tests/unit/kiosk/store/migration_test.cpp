#include <catch2/catch.hpp>

#include <fstream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "kiosk/store/demo_claims.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/schema.h"
#include "kiosk/store/store.h"
#include "store_fixture.h"

using namespace kiosk;
using store::Error;

TEST_CASE("migrations: a new database gets the current version") {
  test::TempDir dir;
  auto s = test::open_store(dir / "k.db");
  CHECK(s.open_report().schema_before == 0);
  CHECK(s.open_report().schema_after == store::kSchemaVersion);
  CHECK(test::raw_text(dir / "k.db", "PRAGMA user_version") ==
        std::to_string(store::kSchemaVersion));
  CHECK(test::raw_text(dir / "k.db", "PRAGMA journal_mode") == "wal");
}

TEST_CASE("migrations: version 1 with a claim upgrades to the current version and keeps it") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  REQUIRE(store::create_database_at_version(db, 1).has_value());
  CHECK(test::raw_text(db, "PRAGMA user_version") == "1");
  CHECK(test::raw_text(db, "SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'") == "0");
  // A version-1 row as version 1 wrote it (personal columns already purged, so no key needed).
  const std::string uuid = "6f1c2b9e-8d7a-4c3b-9a2e-1f0e9d8c7b6a";
  REQUIRE(test::raw_exec(db, R"sql(
    INSERT INTO claims (uuid, sequence, terminal_id, created_at, created_ms, id_hash,
      id_number_masked, name_masked, phone_masked, bank_account_masked, estimate_json,
      total_benefit_fen, commitment_version, signature_sha256, accepted_at, synced_ms)
    VALUES ('6f1c2b9e-8d7a-4c3b-9a2e-1f0e9d8c7b6a', 7, 'T', '2025-01-02T03:04:05+08:00', 1, 'h',
      '440306********2236', '张*', '138****5678', '**** 0128', '{"total_benefit_fen":5,"plans":[]}',
      5, 'v', 'ab', '2025-01-02T03:04:00+08:00', 2);
    INSERT INTO claim_bills VALUES ('6f1c2b9e-8d7a-4c3b-9a2e-1f0e9d8c7b6a', 0, 'B1', 'H',
      'inpatient', '2025-01-01', '2025-01-02', 100, 50, 10, 40, 0);
    INSERT INTO outbox (claim_uuid, body_sha256, frozen, state, attempts, created_ms,
      next_attempt_ms, updated_ms, acked_ms)
    VALUES ('6f1c2b9e-8d7a-4c3b-9a2e-1f0e9d8c7b6a', 'x', 1, 'acked', 1, 1, 1, 2, 2);
  )sql") == "");

  auto s = test::open_store(db);
  CHECK(s.open_report().schema_before == 1);
  CHECK(s.open_report().schema_after == store::kSchemaVersion);
  auto list = s.list_claims();
  REQUIRE(list->size() == 1);
  CHECK(list->at(0).uuid == uuid);
  CHECK(list->at(0).sequence == 7);
  CHECK(list->at(0).state == store::OutboxState::acked);
  CHECK(list->at(0).total_benefit_fen == 5);
  CHECK(list->at(0).bills_total_fen == 100);
  CHECK_FALSE(list->at(0).purged);  // the column did not exist in version 1
  // New claims continue the sequence; the audit log records the migration.
  core::Claim claim = store::demo_claim(0, "T");
  REQUIRE(s.save_claim(claim, store::from_unix_ms(10)).has_value());
  CHECK(claim.sequence == 8);
  CHECK(test::raw_text(db, "SELECT detail FROM audit_log WHERE seq = 1") ==
        fmt::format("1 -> {}", store::kSchemaVersion));
  CHECK(s.load_claim(uuid)->claim.bills.at(0).institution == "H");
  CHECK(s.load_claim(uuid)->claim.estimate.total_benefit_fen == 5);
  // Version 3's indexes serve the queue's figures.
  CHECK(test::raw_text(db,
                       "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                       "('outbox_waiting_since', 'outbox_acked_at', 'outbox_last_error')") == "3");
  const auto counts = store::Outbox(s).counts(store::from_unix_ms(100)).value();
  CHECK(counts.acked == 1);
  CHECK(counts.pending == 1);
  CHECK(counts.last_acked == store::from_unix_ms(2));
  CHECK(counts.oldest_pending_age == std::chrono::milliseconds(90));  // the new claim, saved at 10
}

TEST_CASE(
    "migrations: version 3's plain bills and estimates are encrypted and the plain text is gone") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  std::vector<core::Claim> originals;
  {
    auto s = test::open_store(db);
    for (std::size_t i = 0; i < 4; ++i) {
      core::Claim claim = store::demo_claim(i, "T");
      REQUIRE(s.save_claim(claim, store::from_unix_ms(1)).has_value());
      originals.push_back(claim);
    }
  }
  // Turn it back into what version 3 wrote: bills in the plain claim_bills table.
  std::string sql = R"sql(
    CREATE TABLE claim_bills (
      claim_uuid TEXT NOT NULL REFERENCES claims(uuid),
      position INTEGER NOT NULL,
      bill_id TEXT NOT NULL, institution TEXT NOT NULL, visit_type TEXT NOT NULL,
      admitted TEXT NOT NULL, discharged TEXT NOT NULL,
      total_fen INTEGER NOT NULL, fund_paid_fen INTEGER NOT NULL, account_paid_fen INTEGER NOT NULL,
      cash_paid_fen INTEGER NOT NULL, self_pay_full_fen INTEGER NOT NULL,
      PRIMARY KEY (claim_uuid, position)
    ) WITHOUT ROWID;
    ALTER TABLE claims DROP COLUMN server_reason_enc;
    ALTER TABLE claims DROP COLUMN bills_enc;
    ALTER TABLE claims DROP COLUMN estimate_enc;
    ALTER TABLE claims ADD COLUMN estimate_json TEXT NOT NULL DEFAULT '';
    PRAGMA user_version = 3;)sql";
  for (const auto& claim : originals) {
    nlohmann::json plans = nlohmann::json::array();
    for (const auto& p : claim.estimate.plans) {
      plans.push_back({{"plan", p.plan},
                       {"plan_name", p.plan_name},
                       {"year", p.year},
                       {"eligible_fen", p.eligible_fen},
                       {"benefit_fen", p.benefit_fen},
                       {"explanation", p.explanation}});
    }
    const std::string estimate = nlohmann::json{
        {"total_benefit_fen", claim.estimate.total_benefit_fen},
        {"plans", plans}}.dump();
    sql += fmt::format("UPDATE claims SET estimate_json = '{}' WHERE uuid = '{}';", estimate,
                       claim.uuid);
    for (std::size_t i = 0; i < claim.bills.size(); ++i) {
      const core::Bill& b = claim.bills[i];
      sql += fmt::format(
          "INSERT INTO claim_bills VALUES ('{}', {}, '{}', '{}', '{}', '{}', '{}', {}, {}, {}, {}, "
          "{});",
          claim.uuid, i, b.id, b.institution, core::to_string(b.visit_type),
          core::format_date(b.admitted), core::format_date(b.discharged), b.total_fen,
          b.fund_paid_fen, b.account_paid_fen, b.cash_paid_fen, b.self_pay_full_fen);
    }
  }
  REQUIRE(test::raw_exec(db, sql) == "");
  REQUIRE(test::raw_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)") == "");
  const std::string hospital = originals[0].bills[0].institution;
  REQUIRE(test::read_bytes(db).find(hospital) != std::string::npos);  // the search works
  REQUIRE(test::read_bytes(db).find(originals[0].estimate.plans.at(0).plan_name) !=
          std::string::npos);

  auto s = test::open_store(db);
  CHECK(s.open_report().schema_before == 3);
  CHECK(test::raw_text(db, "PRAGMA user_version") == std::to_string(store::kSchemaVersion));
  CHECK(test::raw_text(db, "SELECT count(*) FROM sqlite_master WHERE name = 'claim_bills'") == "0");
  for (const auto& claim : originals) {
    auto back = s.load_claim(claim.uuid);
    REQUIRE(back.has_value());
    CHECK(back->claim.bills == claim.bills);
    CHECK(back->claim.estimate == claim.estimate);
    CHECK(back->summary.bill_count == static_cast<int>(claim.bills.size()));
  }
  CHECK(s.check()->sound());
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    auto file = db;
    file += suffix;
    if (std::filesystem::exists(file)) bytes += test::read_bytes(file);
  }
  for (const auto& claim : originals) {
    REQUIRE_FALSE(claim.estimate.plans.empty());
    for (const auto& plan : claim.estimate.plans) {
      CHECK(bytes.find(plan.plan_name) == std::string::npos);
      for (const auto& line : plan.explanation) CHECK(bytes.find(line) == std::string::npos);
    }
    for (const auto& bill : claim.bills) {
      CHECK(bytes.find(bill.institution) == std::string::npos);
      CHECK(bytes.find(bill.id) == std::string::npos);
      CHECK(bytes.find(core::format_date(bill.admitted)) == std::string::npos);
    }
  }
}

namespace {
// The columns of every table, and the names of the indexes and triggers: what a schema
// version is, without the text SQLite keeps of how each table was altered.
std::string schema_shape(const std::filesystem::path& db) {
  return test::raw_text(db, R"sql(
    SELECT group_concat(line, ' | ') FROM (
      SELECT m.type || ' ' || m.name || ': ' ||
        coalesce((SELECT group_concat(c.name || ' ' || c.type, ', ')
                  FROM pragma_table_info(m.name) c), '') AS line
      FROM sqlite_master m WHERE m.name NOT LIKE 'sqlite_%' ORDER BY m.type, m.name))sql");
}
}  // namespace

TEST_CASE("migrations: version 4's rejected claims get their reason asked for again") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  std::vector<core::Claim> claims;
  {
    auto s = test::open_store(db);
    store::Outbox outbox(s);
    for (std::size_t i = 0; i < 3; ++i) {
      core::Claim claim = store::demo_claim(i, "T");
      auto saved = s.save_claim(claim, store::from_unix_ms(1));
      REQUIRE(saved.has_value());
      REQUIRE(outbox.mark_sending(saved->outbox_id, store::from_unix_ms(2)).has_value());
      REQUIRE(outbox
                  .mark_acked(saved->outbox_id, claim.uuid, core::ClaimStatus::received,
                              store::from_unix_ms(3))
                  .has_value());
      claims.push_back(claim);
    }
    // What version 4 recorded: claim 0 rejected (its reason lost), claim 1 paid, 2 reviewing.
    REQUIRE(outbox.set_server_status(claims[0].uuid, core::ClaimStatus::rejected, std::nullopt,
                                     store::from_unix_ms(4)));
    REQUIRE(outbox.set_server_status(claims[1].uuid, core::ClaimStatus::paid, std::nullopt,
                                     store::from_unix_ms(4)));
    REQUIRE(outbox.set_server_status(claims[2].uuid, core::ClaimStatus::reviewing, std::nullopt,
                                     store::from_unix_ms(4)));
  }
  // Back to the file version 4 wrote; the same tables, columns, indexes and triggers as a
  // database the version-4 steps make.
  REQUIRE(test::raw_exec(db,
                         "ALTER TABLE claims DROP COLUMN server_reason_enc; "
                         "PRAGMA user_version = 4; PRAGMA wal_checkpoint(TRUNCATE);") == "");
  REQUIRE(store::create_database_at_version(dir / "v4.db", 4).has_value());
  REQUIRE(schema_shape(db) == schema_shape(dir / "v4.db"));

  auto s = test::open_store(db);
  CHECK(s.open_report().schema_before == 4);
  CHECK(s.open_report().schema_after == store::kSchemaVersion);
  CHECK(test::raw_text(db, "SELECT detail FROM audit_log ORDER BY seq DESC LIMIT 1") ==
        fmt::format("4 -> {}", store::kSchemaVersion));
  // Every claim reads as before; the rejected one shows no reason yet...
  auto lines = s.claim_lines(store::demo_people()[0].id_number);
  REQUIRE(lines.has_value());
  REQUIRE(lines->size() == 1);
  CHECK(lines->at(0).status == core::ClaimStatus::rejected);
  CHECK(lines->at(0).reason.empty());
  for (const auto& claim : claims) CHECK(s.load_claim(claim.uuid)->claim.bills == claim.bills);
  // ...and is undecided again, beside the reviewing one, until its reason is recorded.
  auto undecided = s.undecided_claims(0, 10);
  REQUIRE(undecided.has_value());
  REQUIRE(undecided->size() == 2);
  CHECK(undecided->at(0).uuid == claims[0].uuid);
  CHECK(undecided->at(1).uuid == claims[2].uuid);
  REQUIRE(store::Outbox(s).set_server_status(claims[0].uuid, core::ClaimStatus::rejected,
                                             "发票金额与结算单不符", store::from_unix_ms(5)));
  CHECK(s.claim_lines(store::demo_people()[0].id_number)->at(0).reason == "发票金额与结算单不符");
  undecided = s.undecided_claims(0, 10);
  REQUIRE(undecided->size() == 1);
  CHECK(undecided->at(0).uuid == claims[2].uuid);
  CHECK(s.check()->sound());
}

TEST_CASE("migrations: a wrong key stops the upgrade before any row is touched") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  {
    auto s = test::open_store(db);
    core::Claim claim = store::demo_claim(0, "T");
    REQUIRE(s.save_claim(claim, store::from_unix_ms(1)).has_value());
  }
  REQUIRE(test::raw_exec(db, "PRAGMA user_version = 3") == "");
  REQUIRE(test::raw_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)") == "");
  std::filesystem::remove(dir / "k.db.key");
  test::TempDir other;
  { auto unrelated = test::open_store(other / "o.db"); }
  std::filesystem::copy_file(other / "o.db.key", dir / "k.db.key");
  const std::string before = test::read_bytes(db);
  auto s = store::Store::open(test::options_for(db));
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().kind == Error::Kind::key);
  CHECK(test::raw_text(db, "PRAGMA user_version") == "3");
}

TEST_CASE("migrations: a database from a newer version is refused and left alone") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  { auto s = test::open_store(db); }
  REQUIRE(test::raw_exec(db, "PRAGMA user_version = 99") == "");
  const std::string before = test::read_bytes(db);
  auto s = store::Store::open(test::options_for(db));
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().kind == Error::Kind::schema);
  CHECK(s.error().message.find("newer") != std::string::npos);
  CHECK(test::read_bytes(db) == before);
  CHECK_FALSE(
      store::create_database_at_version(dir / "x.db", store::kSchemaVersion + 1).has_value());
}

TEST_CASE("damage: a damaged database is moved aside and reported, never replaced silently") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  {
    auto s = test::open_store(db);
    core::Claim claim = store::demo_claim(0, "T");
    REQUIRE(s.save_claim(claim, store::from_unix_ms(1)).has_value());
  }
  {
    std::ofstream out(db, std::ios::binary | std::ios::in | std::ios::out);
    out.seekp(0);
    out << "this is not a database any more";
  }
  // (The header is gone, so no sequence can be read back: numbering starts again at 1.)
  const std::string damaged = test::read_bytes(db);

  // Tools: reported, nothing changed.
  auto options = test::options_for(db);
  options.on_damage = store::OnDamage::fail;
  auto tool = store::Store::open(options);
  REQUIRE_FALSE(tool.has_value());
  CHECK(tool.error().kind == Error::Kind::damaged);
  CHECK(test::read_bytes(db) == damaged);

  // The terminal: moved aside, a new database, and the report says where the old one is.
  auto s = test::open_store(db);
  const auto& report = s.open_report();
  REQUIRE(report.moved_aside.has_value());
  CHECK(report.created);
  CHECK_FALSE(report.damage.empty());
  CHECK(report.moved_aside->filename().string().starts_with("k.db.damaged-"));
  CHECK(test::read_bytes(*report.moved_aside) == damaged);
  CHECK(s.list_claims()->empty());
  CHECK(s.check()->sound());
}

TEST_CASE("check: tampering with the audit log or a stored body is found") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  std::string uuid;
  {
    auto s = test::open_store(db);
    for (std::size_t i = 0; i < 3; ++i) {
      core::Claim claim = store::demo_claim(i, "T");
      REQUIRE(s.save_claim(claim, store::from_unix_ms(1)).has_value());
      uuid = claim.uuid;
    }
    CHECK(s.check()->sound());
  }
  // The triggers refuse edits...
  CHECK(test::raw_exec(db, "UPDATE audit_log SET detail = 'x' WHERE seq = 2").find("append-only") !=
        std::string::npos);
  CHECK(test::raw_exec(db, "DELETE FROM audit_log WHERE seq = 2").find("append-only") !=
        std::string::npos);
  // ...and the chain catches whoever drops them first.
  REQUIRE(test::raw_exec(db,
                         "DROP TRIGGER audit_log_no_update; "
                         "UPDATE audit_log SET detail = 'x' WHERE seq = 2") == "");
  {
    auto s = test::open_store(db);
    auto report = s.check();
    REQUIRE_FALSE(report->sound());
    CHECK(report->problems.at(0).find("entry 2 was altered") != std::string::npos);
  }
  // A body swapped for another claim's does not decrypt in its new place.
  REQUIRE(test::raw_exec(db,
                         "UPDATE outbox SET body_enc = (SELECT body_enc FROM outbox WHERE id = 1) "
                         "WHERE id = 3") == "");
  auto s = test::open_store(db);
  auto report = s.check();
  bool found = false;
  for (const auto& line : report->problems) {
    found = found || line.find(uuid + ": request body does not decrypt") != std::string::npos;
  }
  CHECK(found);
}

TEST_CASE("damage: numbering continues above what the damaged file still shows") {
  test::TempDir dir;
  const auto db = dir / "k.db";
  {
    auto s = test::open_store(db);
    for (std::size_t i = 0; i < 30; ++i) {
      core::Claim claim = store::demo_claim(i, "T");
      REQUIRE(s.save_claim(claim, store::from_unix_ms(1)).has_value());
    }
  }
  // Damage the last page (an index or the audit log), leaving the claims table readable.
  REQUIRE(test::raw_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)") == "");
  const auto size = std::filesystem::file_size(db);
  {
    std::ofstream out(db, std::ios::binary | std::ios::in | std::ios::out);
    out.seekp(static_cast<std::streamoff>(size - 4096));
    out << std::string(4096, '\x5a');
  }
  auto s = test::open_store(db);
  REQUIRE(s.open_report().moved_aside.has_value());
  CHECK(s.open_report().sequence_floor == 30);
  core::Claim next = store::demo_claim(0, "T");
  REQUIRE(s.save_claim(next, store::from_unix_ms(2)).has_value());
  CHECK(next.sequence == 31);
}
