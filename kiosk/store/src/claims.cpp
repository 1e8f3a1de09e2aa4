// Claims: the one transaction that saves a claim with its bills and outbox row, and reading
// them back.
#include <algorithm>
#include <functional>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "base/sha256.h"
#include "kiosk/api/claim_json.h"
#include "kiosk/api/estimate_json.h"
#include "kiosk/core/mask.h"
#include "kiosk/core/rules.h"
#include "store_impl.h"

namespace kiosk::store {
namespace {
constexpr std::string_view kSummaryColumns = R"sql(
  c.uuid, c.sequence, c.created_at, coalesce(o.state, 'pending'), coalesce(o.attempts, 0),
  c.server_claim_id, c.server_status,
  c.name_masked, c.id_number_masked, c.phone_masked, c.bank_account_masked,
  c.bills_enc, c.total_benefit_fen, c.purged_ms IS NOT NULL
  FROM claims c LEFT JOIN outbox o ON o.claim_uuid = c.uuid)sql";

// The bill figures come from the encrypted bills; bills that do not open count as none here
// (`store check` names them).
ClaimSummary read_summary(const sql::Statement& s, const Cipher& cipher) {
  ClaimSummary out;
  out.uuid = s.column_text(0);
  out.sequence = s.column_int(1);
  out.created_at = s.column_text(2);
  out.state = core::parse_upload_state(s.column_text(3)).value_or(OutboxState::pending);
  out.attempts = static_cast<int>(s.column_int(4));
  out.server_claim_id = s.column_opt_text(5);
  if (auto status = s.column_opt_text(6)) out.server_status = core::parse_claim_status(*status);
  out.name_masked = s.column_text(7);
  out.id_number_masked = s.column_text(8);
  out.phone_masked = s.column_text(9);
  out.bank_account_masked = s.column_text(10);
  if (auto bills = open_claim_bills(cipher, out.uuid, s.column_blob(11))) {
    out.bill_count = static_cast<int>(bills->size());
    for (const auto& bill : *bills) {
      out.bills_total_fen += bill.total_fen;
      out.personal_paid_fen += bill.cash_paid_fen + bill.account_paid_fen;
    }
  }
  out.total_benefit_fen = s.column_int(12);
  out.purged = s.column_int(13) != 0;
  return out;
}

// "SELECT <summary columns> <tail>", with the tail's parameters bound by `bind`.
std::expected<std::vector<ClaimSummary>, Error> summaries(
    sqlite3* db, const Cipher& cipher, std::string_view tail,
    const std::function<void(sql::Statement&)>& bind) {
  auto s = sql::Statement::prepare(db, fmt::format("SELECT {} {}", kSummaryColumns, tail));
  if (!s) return std::unexpected(s.error());
  bind(*s);
  std::vector<ClaimSummary> out;
  for (;;) {
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    out.push_back(read_summary(*s, cipher));
  }
}

std::string estimate_text(const core::Estimate& estimate) {
  return api::estimate_to_json(estimate, api::EstimateFields::with_display)
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A stored estimate, as estimate_text wrote it; damaged when it does not read back.
std::expected<core::Estimate, Error> read_estimate(std::string_view uuid, std::string_view text) {
  const auto value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto estimate = api::estimate_from_json(value);
  if (!estimate) {
    return std::unexpected(Error{Error::Kind::damaged,
                                 fmt::format("the estimate of claim {} is unreadable", uuid),
                                 estimate.error()});
  }
  return std::move(*estimate);
}

Error invalid(std::string message) {
  return Error{Error::Kind::invalid, std::move(message), ""};
}

std::expected<void, Error> check_claim(const core::Claim& claim) {
  if (!core::is_uuid_v4(claim.uuid)) return std::unexpected(invalid("the claim has no valid uuid"));
  if (claim.terminal_id.empty()) return std::unexpected(invalid("the claim has no terminal id"));
  if (claim.member.id_number.empty() || claim.member.name.empty()) {
    return std::unexpected(invalid("the claim has no ID number or name"));
  }
  if (claim.bills.empty()) return std::unexpected(invalid("the claim lists no settlement record"));
  for (const auto& bill : claim.bills) {
    if (auto ok = core::check_bill(bill); !ok) return std::unexpected(invalid(ok.error()));
    if (!bill.admitted.ok()) {
      return std::unexpected(invalid(fmt::format("bill '{}': admitted is not a date", bill.id)));
    }
  }
  return {};
}
}  // namespace

std::expected<SavedClaim, Error> Store::save_claim(core::Claim& claim, UnixTime at) {
  const std::int64_t now = unix_ms(at);
  if (auto ok = check_claim(claim); !ok) return std::unexpected(ok.error());
  std::lock_guard lock(m_impl->mutex);
  sqlite3* db = m_impl->db;
  const Cipher& cipher = m_impl->cipher;
  auto tx = sql::Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto exists = sql::Statement::prepare(db, "SELECT 1 FROM claims WHERE uuid = ?");
  if (!exists) return std::unexpected(exists.error());
  exists->bind(1, claim.uuid);
  auto found = exists->step();
  if (!found) return std::unexpected(found.error());
  if (*found) return std::unexpected(invalid(fmt::format("claim {} is already saved", claim.uuid)));
  auto next = sql::query_int(db, R"sql(
    SELECT max(coalesce((SELECT max(sequence) FROM claims), 0),
               coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'sequence_floor'), 0)) + 1)sql");
  if (!next) return std::unexpected(next.error());

  core::Claim& c = claim;
  const auto previous_sequence = c.sequence;
  const auto previous_created = c.created_at;
  c.sequence = *next;
  if (c.created_at == core::WallTime{})
    c.created_at = core::WallTime{std::chrono::milliseconds{now}};
  auto restore = [&](Error e) {
    c.sequence = previous_sequence;
    c.created_at = previous_created;
    return std::unexpected(std::move(e));
  };

  std::string body = api::claim_request_body(c);
  SavedClaim saved{c.sequence, 0, base::sha256_hex(body)};
  auto insert = sql::Statement::prepare(db, R"sql(
    INSERT INTO claims (uuid, sequence, terminal_id, created_at, created_ms, id_hash,
      id_number_enc, name_enc, phone_enc, bank_account_enc, union_name,
      id_number_masked, name_masked, phone_masked, bank_account_masked,
      estimate_enc, total_benefit_fen, commitment_version, signature_sha256, accepted_at,
      bills_enc)
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))sql");
  if (!insert) return restore(insert.error());
  const auto& m = c.member;
  insert->bind(1, c.uuid)
      .bind(2, c.sequence)
      .bind(3, c.terminal_id)
      .bind(4, core::format_rfc3339_cst(c.created_at))
      .bind(5, now)
      .bind(6, cipher.lookup_hash(m.id_number.reveal()))
      .bind_blob(7, cipher.encrypt(m.id_number.reveal(), where("claims.id_number", c.uuid)))
      .bind_blob(8, cipher.encrypt(m.name.reveal(), where("claims.name", c.uuid)))
      .bind_blob(9, cipher.encrypt(m.phone.reveal(), where("claims.phone", c.uuid)))
      .bind_blob(10, cipher.encrypt(c.bank_account.reveal(), where("claims.bank_account", c.uuid)))
      .bind(11, m.union_name)
      .bind(12, core::mask_id_number(m.id_number.reveal()))
      .bind(13, core::mask_name(m.name.reveal()))
      .bind(14, core::mask_phone(m.phone.reveal()))
      .bind(15, core::mask_bank_account(c.bank_account.reveal()))
      .bind_blob(16, cipher.encrypt(estimate_text(c.estimate), where("claims.estimate", c.uuid)))
      .bind(17, c.estimate.total_benefit_fen)
      .bind(18, c.commitment.text_version)
      .bind(19, c.commitment.signature_sha256)
      .bind(20, core::format_rfc3339_cst(c.commitment.accepted_at))
      .bind_blob(21, seal_claim_bills(cipher, c.uuid, c.bills));
  if (auto ok = insert->run(); !ok) return restore(ok.error());

  auto outbox = sql::Statement::prepare(db, R"sql(
    INSERT INTO outbox (claim_uuid, body_enc, body_sha256, state, created_ms, next_attempt_ms,
      updated_ms) VALUES (?, ?, ?, 'pending', ?, ?, ?))sql");
  if (!outbox) return restore(outbox.error());
  outbox->bind(1, c.uuid)
      .bind_blob(2, cipher.encrypt(body, where("outbox.body", c.uuid)))
      .bind(3, saved.body_sha256)
      .bind(4, now)
      .bind(5, now)
      .bind(6, now);
  core::secure_zero(body.data(), body.size());
  if (auto ok = outbox->run(); !ok) return restore(ok.error());
  saved.outbox_id = sqlite3_last_insert_rowid(db);

  if (auto ok = append_audit(db, "claim_saved",
                             fmt::format("uuid={} sequence={} bills={} benefit_fen={}", c.uuid,
                                         c.sequence, c.bills.size(), c.estimate.total_benefit_fen),
                             now);
      !ok) {
    return restore(ok.error());
  }
  if (auto ok = tx->commit(); !ok) return restore(ok.error());
  return saved;
}

std::expected<StoredClaim, Error> Store::load_claim(std::string_view uuid) {
  std::lock_guard lock(m_impl->mutex);
  sqlite3* db = m_impl->db;
  auto list = summaries(db, m_impl->cipher, "WHERE c.uuid = ?",
                        [&](sql::Statement& s) { s.bind(1, uuid); });
  if (!list) return std::unexpected(list.error());
  if (list->empty()) {
    return std::unexpected(
        Error{Error::Kind::not_found, fmt::format("no claim {} is stored", uuid), ""});
  }
  StoredClaim out;
  out.summary = list->front();
  core::Claim& c = out.claim;
  auto s = sql::Statement::prepare(db, R"sql(
    SELECT uuid, sequence, terminal_id, created_at, id_number_enc, name_enc, phone_enc,
      bank_account_enc, union_name, estimate_enc, commitment_version, signature_sha256,
      accepted_at, bills_enc FROM claims WHERE uuid = ?)sql");
  if (!s) return std::unexpected(s.error());
  s->bind(1, uuid);
  if (auto row = s->step(); !row) return std::unexpected(row.error());
  c.uuid = s->column_text(0);
  c.sequence = s->column_int(1);
  c.terminal_id = s->column_text(2);
  c.created_at = core::parse_rfc3339(s->column_text(3)).value_or(core::WallTime{});
  const std::pair<int, std::pair<core::Secret*, std::string_view>> personal[] = {
      {4, {&c.member.id_number, "claims.id_number"}},
      {5, {&c.member.name, "claims.name"}},
      {6, {&c.member.phone, "claims.phone"}},
      {7, {&c.bank_account, "claims.bank_account"}}};
  for (const auto& [column, target] : personal) {
    if (s->column_null(column)) continue;  // purged
    auto plain = m_impl->cipher.decrypt(s->column_blob(column), where(target.second, c.uuid));
    if (!plain) return std::unexpected(plain.error());
    *target.first = std::move(*plain);
  }
  c.member.union_name = s->column_text(8);
  auto estimate = m_impl->cipher.decrypt(s->column_blob(9), where("claims.estimate", c.uuid));
  if (!estimate) return std::unexpected(estimate.error());
  auto read = read_estimate(c.uuid, estimate->reveal());
  if (!read) return std::unexpected(read.error());
  c.estimate = std::move(*read);
  c.commitment.text_version = s->column_text(10);
  c.commitment.signature_sha256 = s->column_text(11);
  c.commitment.accepted_at = core::parse_rfc3339(s->column_text(12)).value_or(core::WallTime{});

  auto bills = open_claim_bills(m_impl->cipher, c.uuid, s->column_blob(13));
  if (!bills) return std::unexpected(bills.error());
  c.bills = std::move(*bills);
  return out;
}

std::expected<std::vector<ClaimSummary>, Error> Store::list_claims(int limit) {
  std::lock_guard lock(m_impl->mutex);
  return summaries(m_impl->db, m_impl->cipher, "ORDER BY c.sequence DESC LIMIT ?",
                   [&](sql::Statement& s) { s.bind(1, std::int64_t{limit > 0 ? limit : -1}); });
}

std::expected<std::vector<ClaimSummary>, Error> Store::undecided_claims(std::int64_t after_sequence,
                                                                        int limit) {
  std::lock_guard lock(m_impl->mutex);
  return summaries(
      m_impl->db, m_impl->cipher,
      "WHERE o.state = 'acked' AND (coalesce(c.server_status, '') NOT IN ('paid', 'rejected') "
      "OR (c.server_status = 'rejected' AND c.server_reason_enc IS NULL)) "
      "AND c.sequence > ? ORDER BY c.sequence LIMIT ?",
      [&](sql::Statement& s) { s.bind(1, after_sequence).bind(2, std::int64_t{limit}); });
}

std::expected<std::vector<ClaimSummary>, Error> Store::claims_of(std::string_view id_number) {
  std::lock_guard lock(m_impl->mutex);
  const std::string hash = m_impl->cipher.lookup_hash(id_number);
  return summaries(m_impl->db, m_impl->cipher, "WHERE c.id_hash = ? ORDER BY c.sequence DESC",
                   [&](sql::Statement& s) { s.bind(1, hash); });
}

std::expected<std::vector<core::PlanHistory>, Error> Store::unsynced_history(
    std::string_view id_number) {
  std::lock_guard lock(m_impl->mutex);
  auto s = sql::Statement::prepare(m_impl->db, R"sql(
    SELECT c.uuid, c.estimate_enc FROM claims c JOIN outbox o ON o.claim_uuid = c.uuid
    WHERE c.id_hash = ? AND o.state IN ('pending', 'sending', 'retry_wait')
    ORDER BY c.sequence)sql");
  if (!s) return std::unexpected(s.error());
  s->bind(1, m_impl->cipher.lookup_hash(id_number));
  std::vector<core::PlanHistory> history;
  for (;;) {
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return history;
    auto estimate =
        m_impl->cipher.decrypt(s->column_blob(1), where("claims.estimate", s->column_text(0)));
    if (!estimate) return std::unexpected(estimate.error());
    auto read = read_estimate(s->column_text(0), estimate->reveal());
    if (!read) return std::unexpected(read.error());
    for (const auto& plan : read->plans) {
      auto it = std::ranges::find_if(history, [&](const core::PlanHistory& h) {
        return h.plan == plan.plan && h.year == plan.year;
      });
      if (it == history.end()) {
        history.push_back({plan.plan, plan.year, plan.eligible_fen, plan.benefit_fen});
      } else {
        it->eligible_fen += plan.eligible_fen;
        it->benefit_fen += plan.benefit_fen;
      }
    }
  }
}

std::expected<int, Error> Store::purge_synced_personal_data(int retention_days, UnixTime at) {
  const std::int64_t now = unix_ms(at);
  if (retention_days < 0)
    return std::unexpected(invalid("the retention period cannot be negative"));
  std::lock_guard lock(m_impl->mutex);
  sqlite3* db = m_impl->db;
  const std::int64_t cutoff = now - std::int64_t{retention_days} * 86'400'000;
  auto tx = sql::Transaction::begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto claims = sql::Statement::prepare(db, R"sql(
    UPDATE claims SET id_number_enc = NULL, name_enc = NULL, phone_enc = NULL,
      bank_account_enc = NULL, purged_ms = ?1
    WHERE purged_ms IS NULL AND synced_ms IS NOT NULL AND synced_ms <= ?2)sql");
  if (!claims) return std::unexpected(claims.error());
  claims->bind(1, now).bind(2, cutoff);
  if (auto ok = claims->run(); !ok) return std::unexpected(ok.error());
  const int purged = sqlite3_changes(db);
  auto bodies = sql::Statement::prepare(db, R"sql(
    UPDATE outbox SET body_enc = NULL, last_error_enc = NULL
    WHERE body_enc IS NOT NULL AND claim_uuid IN (SELECT uuid FROM claims WHERE purged_ms IS NOT NULL))sql");
  if (!bodies) return std::unexpected(bodies.error());
  if (auto ok = bodies->run(); !ok) return std::unexpected(ok.error());
  auto cache = sql::Statement::prepare(db, "DELETE FROM settlement_cache WHERE fetched_ms <= ?");
  if (!cache) return std::unexpected(cache.error());
  cache->bind(1, cutoff);
  if (auto ok = cache->run(); !ok) return std::unexpected(ok.error());
  if (purged > 0) {
    if (auto ok =
            append_audit(db, "personal_data_purged",
                         fmt::format("claims={} retention_days={}", purged, retention_days), now);
        !ok) {
      return std::unexpected(ok.error());
    }
  }
  if (auto ok = tx->commit(); !ok) return std::unexpected(ok.error());
  if (purged > 0) {
    // Old pages holding the ciphertexts leave the WAL file too (secure_delete zeroes them
    // in the main file).
    if (auto ok = sql::exec(db, "PRAGMA wal_checkpoint(TRUNCATE)"); !ok) {
      return std::unexpected(ok.error());
    }
  }
  return purged;
}

}  // namespace kiosk::store
