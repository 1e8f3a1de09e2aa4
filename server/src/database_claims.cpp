// server::Database: claims checked against the server's own records, stored, listed, moved on.
#include "server/database.h"

#include <algorithm>
#include <map>

#include <fmt/core.h>

#include "kiosk/store/crypto.h"
#include "server/claims.h"
#include "server/demo_data.h"
#include "server/rules_json.h"

#include "database_rows.h"

namespace server {
using kiosk::store::Cipher;
using nlohmann::json;
using namespace rows;

std::expected<std::optional<json>, std::string> Database::member_record(sql::Connection& conn,
                                                                        const std::string& hash) {
  auto rows = conn.query("SELECT record FROM members WHERE id_hash = ?", {hash});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<json>{};
  auto plain = m_cipher->decrypt(rows->text(0, 0), member_place(hash));
  if (!plain) return std::unexpected(plain.error().message);
  json record = json::parse(plain->reveal(), nullptr, false);
  if (!record.is_object()) return std::unexpected(std::string("a stored member record is damaged"));
  return std::optional<json>{std::move(record)};
}

std::expected<std::vector<kiosk::core::PlanHistory>, std::string> Database::history(
    sql::Connection& conn, const std::string& hash) {
  auto rows = conn.query(
      "SELECT plan, year, eligible_fen, benefit_fen FROM member_usage WHERE member_hash = ? "
      "ORDER BY plan, year",
      {hash});
  if (!rows) return std::unexpected(rows.error());
  std::vector<kiosk::core::PlanHistory> out;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    out.push_back({rows->text(i, 0), static_cast<int>(rows->integer(i, 1)), rows->integer(i, 2),
                   rows->integer(i, 3)});
  }
  return out;
}

std::expected<std::string, std::string> Database::config_body(sql::Connection& conn) {
  auto rows = conn.query("SELECT body FROM config WHERE id = 1");
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::unexpected("no kiosk configuration has been published");
  return rows->text(0, 0);
}

std::expected<kiosk::core::Rules, std::string> Database::rules(sql::Connection& conn) {
  auto body = config_body(conn);
  if (!body) return std::unexpected(body.error());
  std::lock_guard lock(m_rules_mutex);
  if (!m_rules || *body != m_rules_body) {
    const json document = json::parse(*body, nullptr, false);
    m_rules = rules_from_json(document.is_object() && document.contains("benefit_rules")
                                  ? document["benefit_rules"]
                                  : json());
    m_rules_body = std::move(*body);
  }
  return *m_rules;
}

std::string Database::member_hash(const json& claim) const {
  return m_cipher->lookup_hash(id_number_of(claim).value_or(""));
}

std::expected<SubmitOutcome, std::string> Database::submit_claim(const std::string& key,
                                                                 const std::string& terminal_id,
                                                                 const json& claim,
                                                                 const std::string& centre) {
  if (m_writer) return m_writer->submit({key, terminal_id, centre, claim, member_hash(claim)});
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  SubmitOutcome out;
  const ClaimSubmission one{key, terminal_id, centre, claim};
  auto done =
      sql::in_transaction(**conn, [&] { return submit_in(**conn, one, MemberLock::take, out); });
  if (!done) return std::unexpected(done.error());
  return out;
}

BatchStats Database::batch_stats() const {
  return m_writer ? m_writer->stats() : BatchStats{};
}

std::vector<ClaimAnswer> Database::submit_claims(const std::vector<ClaimSubmission>& batch) {
  std::vector<ClaimAnswer> answers;
  auto fail_all = [&](const std::string& why) {
    answers.assign(batch.size(), std::unexpected(why));
    return answers;
  };
  auto conn = m_pool->acquire();
  if (!conn) return fail_all(conn.error());
  if (auto ok = (*conn)->begin(); !ok) return fail_all(ok.error());
  // Every member's lock the batch needs, in sorted order, before anything is written. A batch
  // on another process takes them in the same order, so neither holds one the other waits
  // for; and as no claim is inserted before all are held, neither waits on a key the other
  // inserted (the key's unique index makes a second insert of it wait for the first).
  std::vector<std::string> members;
  for (const auto& c : batch) members.push_back("member:" + member_hash(c.claim));
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  for (const auto& name : members) {
    if (auto ok = (*conn)->lock(name); !ok) {
      (*conn)->rollback();
      return fail_all(ok.error());
    }
  }
  // A claim alone is its own transaction; in a batch each gets a savepoint, so one whose
  // writing fails halfway is undone to there and the batch goes on without it.
  const bool alone = batch.size() == 1;
  for (const auto& c : batch) {
    if (!alone) {
      if (auto ok = (*conn)->script("SAVEPOINT claim"); !ok) {
        (*conn)->rollback();
        return fail_all(ok.error());
      }
    }
    SubmitOutcome out;
    auto done = submit_in(**conn, c, MemberLock::held, out);
    if (!done && alone) {
      (*conn)->rollback();
      return fail_all(done.error());
    }
    if (!alone) {
      auto closed = (*conn)->script(done ? "RELEASE SAVEPOINT claim"
                                         : "ROLLBACK TO SAVEPOINT claim; RELEASE SAVEPOINT claim");
      if (!closed) {
        (*conn)->rollback();
        return fail_all(closed.error());
      }
    }
    if (done)
      answers.emplace_back(std::move(out));
    else
      answers.emplace_back(std::unexpected(done.error()));
  }
  if (auto ok = (*conn)->commit(); !ok) {
    (*conn)->rollback();
    return fail_all(ok.error());
  }
  return answers;
}

// The stored claim with KEY against this submission: the same body from the same terminal is
// a duplicate; anything else (another terminal too) a conflict. false: no such claim.
static std::expected<bool, std::string> read_existing(sql::Connection& conn, Cipher& cipher,
                                                      const std::string& key,
                                                      const std::string& terminal_id,
                                                      const std::string& body, SubmitOutcome& out) {
  auto rows = conn.query(
      fmt::format("SELECT {}, c.body FROM claims c WHERE c.idempotency_key = ?", kClaimColumns),
      {key});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return false;
  out.record = read_claim(*rows, 0);
  auto stored = cipher.decrypt(rows->text(0, 7), claim_place(key));
  if (!stored) return std::unexpected(stored.error().message);
  out.result = out.record.terminal_id == terminal_id && stored->reveal() == body
                   ? InsertResult::duplicate
                   : InsertResult::conflict;
  return true;
}

std::expected<void, std::string> Database::submit_in(sql::Connection& conn,
                                                     const ClaimSubmission& submission,
                                                     MemberLock lock, SubmitOutcome& out) {
  const auto& [key, terminal_id, centre, claim, grouped_by] = submission;
  const std::string body = claim.dump();
  const auto id_number = id_number_of(claim);
  // From the claim itself, whatever the caller grouped it by.
  const std::string hash = member_hash(claim);
  // One member's claims one at a time, across every process on the database; a repeat of a
  // stored key is then seen below, committed, before it is checked as if it were new.
  if (lock == MemberLock::take) {
    if (auto ok = conn.lock("member:" + hash); !ok) return ok;
  }
  auto seen = read_existing(conn, *m_cipher, key, terminal_id, body, out);
  if (!seen) return std::unexpected(seen.error());
  if (*seen) return {};

  ClaimFacts facts;
  auto member = member_record(conn, hash);
  if (!member) return std::unexpected(member.error());
  facts.member = std::move(*member);
  const auto ids = bill_ids(claim);
  if (facts.member && m_demo_settlements && id_number) {
    auto& bills = (*facts.member)["bills"];
    if (!bills.is_array()) bills = json::array();
    for (auto& bill : demo_claim_bills(*id_number, ids)) bills.push_back(std::move(bill));
  }
  // Without published rules the claim cannot be checked: that is the server's fault, so the
  // kiosk is told to retry (an error here is a 500), not that its claim is wrong.
  facts.rules = rules(conn);
  if (!facts.rules) return std::unexpected(facts.rules.error());
  auto used = history(conn, hash);
  if (!used) return std::unexpected(used.error());
  facts.history = std::move(*used);
  for (const auto& id : ids) {
    // CROSS JOIN makes SQLite start from the bill (a few rows), not from the member's claims
    // (claims_by_member: every claim the member ever made); PostgreSQL plans it alike.
    auto claimed = conn.query(
        "SELECT 1 FROM claim_bills b CROSS JOIN claims c WHERE b.bill_id = ? AND "
        "c.idempotency_key = b.idempotency_key AND c.member_hash = ? AND "
        "c.status <> 'rejected' LIMIT 1",
        {id, hash});
    if (!claimed) return std::unexpected(claimed.error());
    if (!claimed->empty()) facts.claimed_bills.insert(id);
  }

  auto checked = check_claim(claim, facts);
  if (!checked) {
    out.result = InsertResult::refused;
    out.refusal = checked.error();
    return {};
  }
  const std::string now = now_rfc3339();
  // The key is unique: a submission of the same key that got in meanwhile (under another
  // member's lock) makes this insert a no-op, and that claim is read instead.
  auto inserted = conn.query(
      "INSERT INTO claims (idempotency_key, terminal_id, member_hash, body, status, reason, "
      "received_at, updated_at, centre) VALUES (?, ?, ?, ?, 'received', NULL, ?, ?, ?) "
      "ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key",
      {key, terminal_id, hash, sql::Bytes{m_cipher->encrypt(body, claim_place(key))}, now, now,
       centre});
  if (!inserted) return std::unexpected(inserted.error());
  if (inserted->empty()) {
    auto again = read_existing(conn, *m_cipher, key, terminal_id, body, out);
    if (!again) return std::unexpected(again.error());
    if (*again) return {};
    return std::unexpected(fmt::format("claim {} was neither stored nor found", key));
  }
  std::map<std::pair<std::string, int>, kiosk::core::PlanHistory> sums;
  for (const auto& h : facts.history) sums[{h.plan, h.year}] = h;
  for (const auto& plan : checked->estimate.plans) {
    auto use = conn.query(
        "INSERT INTO claim_usage (idempotency_key, plan, year, eligible_fen, benefit_fen) "
        "VALUES (?, ?, ?, ?, ?)",
        {key, plan.plan, plan.year, plan.eligible_fen, plan.benefit_fen});
    if (!use) return std::unexpected(use.error());
    auto& sum = sums[{plan.plan, plan.year}];
    sum.eligible_fen = saturating_add(sum.eligible_fen, plan.eligible_fen);
    sum.benefit_fen = saturating_add(sum.benefit_fen, plan.benefit_fen);
    auto total = conn.query(
        "INSERT INTO member_usage (member_hash, plan, year, eligible_fen, benefit_fen) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_hash, plan, year) DO UPDATE SET "
        "eligible_fen = excluded.eligible_fen, benefit_fen = excluded.benefit_fen",
        {hash, plan.plan, plan.year, sum.eligible_fen, sum.benefit_fen});
    if (!total) return std::unexpected(total.error());
    out.record.eligible_fen += plan.eligible_fen;
    out.record.benefit_fen += plan.benefit_fen;
  }
  for (const auto& bill : checked->bills) {
    auto used_bill = conn.query("INSERT INTO claim_bills (idempotency_key, bill_id) VALUES (?, ?)",
                                {key, bill.id});
    if (!used_bill) return std::unexpected(used_bill.error());
  }
  out.result = InsertResult::created;
  out.record = {key,
                terminal_id,
                "received",
                std::nullopt,
                now,
                now,
                centre,
                out.record.eligible_fen,
                out.record.benefit_fen};
  out.estimate_differences = std::move(checked->estimate_differences);
  return {};
}

}  // namespace server
