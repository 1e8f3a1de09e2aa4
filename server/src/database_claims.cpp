// server::Database: claims checked against the server's own records, stored, listed, moved on.
#include "server/database.h"

#include <fmt/core.h>
#include <sqlite3.h>

#include "base/sqlite.h"
#include "kiosk/store/crypto.h"
#include "server/claims.h"
#include "server/demo_data.h"
#include "server/rules_json.h"

#include "database_rows.h"

namespace server {
using kiosk::store::Cipher;
using nlohmann::json;
using namespace rows;

std::expected<std::optional<json>, std::string> Database::member_record(const std::string& hash) {
  auto st = prepare(m_db, "SELECT record FROM members WHERE id_hash = ?");
  if (!st) return std::unexpected(st.error());
  st->bind(1, hash);
  auto row = next_row(*st);
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<json>{};
  auto plain = m_cipher->decrypt(st->column_blob(0), member_place(hash));
  if (!plain) return std::unexpected(plain.error().message);
  json record = json::parse(plain->reveal(), nullptr, false);
  if (!record.is_object()) return std::unexpected(std::string("a stored member record is damaged"));
  return std::optional<json>{std::move(record)};
}

std::expected<std::vector<kiosk::core::PlanHistory>, std::string> Database::history(
    const std::string& hash) {
  auto st = prepare(m_db,
                    "SELECT u.plan, u.year, u.eligible_fen, u.benefit_fen FROM claim_usage u "
                    "JOIN claims c ON c.idempotency_key = u.idempotency_key "
                    "WHERE c.member_hash = ? AND c.status != 'rejected'");
  if (!st) return std::unexpected(st.error());
  st->bind(1, hash);
  std::vector<kiosk::core::PlanHistory> per_claim;
  auto read = each_row(*st, [&](const Statement& r) {
    per_claim.push_back(
        {r.column_text(0), static_cast<int>(r.column_int(1)), r.column_int(2), r.column_int(3)});
  });
  if (!read) return std::unexpected(read.error());
  return sum_history(per_claim);
}

std::expected<std::string, std::string> Database::config_body() {
  auto st = prepare(m_db, "SELECT body FROM config WHERE id = 1");
  if (!st) return std::unexpected(st.error());
  auto row = next_row(*st);
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::unexpected("no kiosk configuration has been published");
  return st->column_text(0);
}

std::expected<SubmitOutcome, std::string> Database::submit_claim(const std::string& key,
                                                                 const std::string& terminal_id,
                                                                 const json& claim) {
  std::lock_guard lock(m_mutex);
  const std::string body = claim.dump();
  SubmitOutcome out;
  {
    auto find = prepare(
        m_db, fmt::format("SELECT {}, body FROM claims WHERE idempotency_key = ?", kClaimColumns));
    if (!find) return std::unexpected(find.error());
    find->bind(1, key);
    auto row = next_row(*find);
    if (!row) return std::unexpected(row.error());
    if (*row) {
      out.record = read_claim(*find);
      auto stored = m_cipher->decrypt(find->column_blob(6), claim_place(key));
      if (!stored) return std::unexpected(stored.error().message);
      // A repeat from another terminal is not "the same claim" either.
      out.result = out.record.terminal_id == terminal_id && stored->reveal() == body
                       ? InsertResult::duplicate
                       : InsertResult::conflict;
      return out;
    }
  }

  const auto id_number = id_number_of(claim);
  const std::string hash = m_cipher->lookup_hash(id_number.value_or(""));
  ClaimFacts facts;
  auto member = member_record(hash);
  if (!member) return std::unexpected(member.error());
  facts.member = std::move(*member);
  if (facts.member && m_demo_settlements && id_number) {
    auto& bills = (*facts.member)["bills"];
    if (!bills.is_array()) bills = json::array();
    for (auto& bill : demo_claim_bills(*id_number, bill_ids(claim)))
      bills.push_back(std::move(bill));
  }
  // Without published rules the claim cannot be checked: that is the server's fault, so the
  // kiosk is told to retry (an error here is a 500), not that its claim is wrong.
  auto config = config_body();
  if (!config) return std::unexpected(config.error());
  const json document = json::parse(*config, nullptr, false);
  facts.rules = rules_from_json(document.is_object() && document.contains("benefit_rules")
                                    ? document["benefit_rules"]
                                    : json());
  if (!facts.rules) return std::unexpected(facts.rules.error());
  auto used = history(hash);
  if (!used) return std::unexpected(used.error());
  facts.history = std::move(*used);
  {
    auto claimed = prepare(m_db,
                           "SELECT b.bill_id FROM claim_bills b "
                           "JOIN claims c ON c.idempotency_key = b.idempotency_key "
                           "WHERE c.member_hash = ? AND c.status != 'rejected'");
    if (!claimed) return std::unexpected(claimed.error());
    claimed->bind(1, hash);
    auto read = each_row(*claimed,
                         [&](const Statement& r) { facts.claimed_bills.insert(r.column_text(0)); });
    if (!read) return std::unexpected(read.error());
  }

  auto checked = check_claim(claim, facts);
  if (!checked) {
    out.result = InsertResult::refused;
    out.refusal = checked.error();
    return out;
  }
  const std::string now = now_rfc3339();
  auto stored = in_transaction(m_db, [&]() -> std::expected<void, std::string> {
    auto insert = run(m_db,
                      "INSERT INTO claims (idempotency_key, terminal_id, member_hash, body, "
                      "status, reason, received_at, updated_at) "
                      "VALUES (?, ?, ?, ?, 'received', NULL, ?, ?)",
                      [&](Statement& st) {
                        st.bind(1, key)
                            .bind(2, terminal_id)
                            .bind(3, hash)
                            .bind_blob(4, m_cipher->encrypt(body, claim_place(key)))
                            .bind(5, now)
                            .bind(6, now);
                      });
    if (!insert) return insert;
    for (const auto& plan : checked->estimate.plans) {
      auto use = run(m_db,
                     "INSERT INTO claim_usage (idempotency_key, plan, year, eligible_fen, "
                     "benefit_fen) VALUES (?, ?, ?, ?, ?)",
                     [&](Statement& st) {
                       st.bind(1, key)
                           .bind(2, plan.plan)
                           .bind(3, std::int64_t{plan.year})
                           .bind(4, plan.eligible_fen)
                           .bind(5, plan.benefit_fen);
                     });
      if (!use) return use;
    }
    for (const auto& bill : checked->bills) {
      auto used_bill = run(m_db, "INSERT INTO claim_bills (idempotency_key, bill_id) VALUES (?, ?)",
                           [&](Statement& st) { st.bind(1, key).bind(2, bill.id); });
      if (!used_bill) return used_bill;
    }
    return {};
  });
  if (!stored) return std::unexpected(stored.error());
  out.result = InsertResult::created;
  out.record = {key, terminal_id, "received", std::nullopt, now, now};
  out.estimate_differences = std::move(checked->estimate_differences);
  return out;
}

std::expected<std::optional<ClaimRecord>, std::string> Database::find_claim(
    const std::string& key) {
  std::lock_guard lock(m_mutex);
  auto st =
      prepare(m_db, fmt::format("SELECT {} FROM claims WHERE idempotency_key = ?", kClaimColumns));
  if (!st) return std::unexpected(st.error());
  st->bind(1, key);
  auto row = next_row(*st);
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<ClaimRecord>{};
  return std::optional<ClaimRecord>{read_claim(*st)};
}

std::expected<std::vector<ClaimRecord>, std::string> Database::list_claims() {
  std::lock_guard lock(m_mutex);
  auto st = prepare(m_db, fmt::format("SELECT {} FROM claims ORDER BY rowid", kClaimColumns));
  if (!st) return std::unexpected(st.error());
  std::vector<ClaimRecord> out;
  auto read = each_row(*st, [&](const Statement& r) { out.push_back(read_claim(r)); });
  if (!read) return std::unexpected(read.error());
  return out;
}

std::expected<ClaimRecord, std::string> Database::set_status(
    const std::string& key, const std::string& status, const std::optional<std::string>& reason) {
  if (rank(status) < 0) {
    return std::unexpected(fmt::format(
        "unknown status '{}'; use received, reviewing, approved, paid or rejected", status));
  }
  if (status == "rejected" && (!reason || reason->empty())) {
    return std::unexpected("a rejected claim needs --reason so the worker learns why");
  }
  auto current = find_claim(key);
  if (!current) return std::unexpected(current.error());
  if (!*current) return std::unexpected(fmt::format("no claim with key {}", key));
  const std::string& from = (*current)->status;
  const bool allowed = (status == "rejected" && from != "paid" && from != "rejected") ||
                       (rank(status) == rank(from) + 1 && status != "rejected");
  if (!allowed) {
    return std::unexpected(fmt::format(
        "a claim that is {} cannot become {}; the order is received, reviewing, approved, "
        "paid, and any but a paid claim may be rejected",
        from, status));
  }
  std::lock_guard lock(m_mutex);
  auto ok = run(m_db,
                "UPDATE claims SET status = ?, reason = ?, updated_at = ? "
                "WHERE idempotency_key = ?",
                [&](Statement& st) {
                  st.bind(1, status)
                      .bind_opt(2, status == "rejected" ? reason : std::nullopt)
                      .bind(3, now_rfc3339())
                      .bind(4, key);
                });
  if (!ok) return std::unexpected(ok.error());
  ClaimRecord updated = **current;
  updated.status = status;
  updated.reason = status == "rejected" ? reason : std::nullopt;
  updated.updated_at = now_rfc3339();
  return updated;
}

}  // namespace server
