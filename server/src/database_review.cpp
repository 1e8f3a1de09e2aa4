// server::Database: what the central staff do with claims: find, list by filter, move on.
#include "server/database.h"

#include <fmt/core.h>

#include "database_rows.h"

namespace server {
using nlohmann::json;
using namespace rows;

namespace {
// The claims' columns and the server's estimate summed over plans.
std::string claim_query(std::string_view where) {
  return fmt::format(
      "SELECT {}, COALESCE(SUM(u.eligible_fen), 0), COALESCE(SUM(u.benefit_fen), 0) "
      "FROM claims c LEFT JOIN claim_usage u ON u.idempotency_key = c.idempotency_key "
      "WHERE {} GROUP BY c.idempotency_key, c.terminal_id, c.status, c.reason, c.received_at, "
      "c.updated_at, c.centre, c.{{seq}} ORDER BY c.{{seq}}",
      kClaimColumns, where);
}

std::vector<ClaimRecord> read_claims(const sql::Rows& rows) {
  std::vector<ClaimRecord> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back(read_claim(rows, i));
    out.back().eligible_fen = rows.integer(i, 7);
    out.back().benefit_fen = rows.integer(i, 8);
  }
  return out;
}
}  // namespace

std::expected<std::optional<ClaimRecord>, std::string> Database::find_claim(
    const std::string& key) {
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  auto rows = (*conn)->query(claim_query("c.idempotency_key = ?"), {key});
  if (!rows) return std::unexpected(rows.error());
  auto claims = read_claims(*rows);
  if (claims.empty()) return std::optional<ClaimRecord>{};
  return std::optional<ClaimRecord>{std::move(claims.front())};
}

std::expected<std::vector<ClaimRecord>, std::string> Database::list_claims(
    const ClaimFilter& filter) {
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  // received_at is RFC 3339 in China Standard Time, so a day's claims sort between its date
  // and the date followed by "T99".
  auto rows = (*conn)->query(
      claim_query("(? = '' OR c.centre = ?) AND (? = '' OR c.terminal_id = ?) AND "
                  "(? = '' OR c.status = ?) AND (? = '' OR c.received_at >= ?) AND "
                  "(? = '' OR c.received_at < ?)"),
      {filter.centre, filter.centre, filter.terminal_id, filter.terminal_id, filter.status,
       filter.status, filter.from_date, filter.from_date, filter.to_date,
       filter.to_date.empty() ? std::string() : filter.to_date + "T99"});
  if (!rows) return std::unexpected(rows.error());
  return read_claims(*rows);
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
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  ClaimRecord updated;
  auto done = sql::in_transaction(**conn, [&]() -> std::expected<void, std::string> {
    auto owner = (*conn)->query("SELECT member_hash FROM claims WHERE idempotency_key = ?", {key});
    if (!owner) return std::unexpected(owner.error());
    if (owner->empty()) return std::unexpected(fmt::format("no claim with key {}", key));
    const std::string hash = owner->text(0, 0);
    // The member's lock: a rejection gives the member's usage back, which a claim being
    // checked at the same moment must see whole or not at all.
    if (auto ok = (*conn)->lock("member:" + hash); !ok) return ok;
    auto rows = (*conn)->query(claim_query("c.idempotency_key = ?"), {key});
    if (!rows) return std::unexpected(rows.error());
    updated = read_claims(*rows).at(0);
    const std::string from = updated.status;
    const bool allowed = (status == "rejected" && from != "paid" && from != "rejected") ||
                         (rank(status) == rank(from) + 1 && status != "rejected");
    if (!allowed) {
      return std::unexpected(fmt::format(
          "a claim that is {} cannot become {}; the order is received, reviewing, approved, "
          "paid, and any but a paid claim may be rejected",
          from, status));
    }
    updated.status = status;
    updated.reason = status == "rejected" ? reason : std::nullopt;
    updated.updated_at = now_rfc3339();
    auto ok = (*conn)->query(
        "UPDATE claims SET status = ?, reason = ?, updated_at = ? WHERE idempotency_key = ?",
        {status, updated.reason, updated.updated_at, key});
    if (!ok) return std::unexpected(ok.error());
    if (status != "rejected") return {};
    // What the claim used is the member's again.
    auto usage = (*conn)->query(
        "SELECT u.plan, u.year, u.eligible_fen, u.benefit_fen, m.eligible_fen, m.benefit_fen "
        "FROM claim_usage u JOIN member_usage m ON m.member_hash = ? AND m.plan = u.plan AND "
        "m.year = u.year WHERE u.idempotency_key = ?",
        {hash, key});
    if (!usage) return std::unexpected(usage.error());
    for (std::size_t i = 0; i < usage->size(); ++i) {
      auto back = (*conn)->query(
          "UPDATE member_usage SET eligible_fen = ?, benefit_fen = ? "
          "WHERE member_hash = ? AND plan = ? AND year = ?",
          {std::max<std::int64_t>(0, usage->integer(i, 4) - usage->integer(i, 2)),
           std::max<std::int64_t>(0, usage->integer(i, 5) - usage->integer(i, 3)), hash,
           usage->text(i, 0), usage->integer(i, 1)});
      if (!back) return std::unexpected(back.error());
    }
    // A plan and year nothing counts against any more is no history.
    auto empty = (*conn)->query(
        "DELETE FROM member_usage WHERE member_hash = ? AND eligible_fen = 0 AND benefit_fen = 0",
        {hash});
    if (!empty) return std::unexpected(empty.error());
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return updated;
}

}  // namespace server
