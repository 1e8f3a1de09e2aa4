// Sending a window: marking items `sending` before any request (counting the attempt and
// freezing the body) and recording their outcomes after, each in one durable transaction. A
// crash in between leaves them `sending`, which the next start turns into `retry_wait`: the
// same frozen body is sent again and the server deduplicates.
#include "kiosk/store/outbox.h"

#include <optional>

#include <fmt/core.h>

#include "outbox_rows.h"

namespace kiosk::store {
using namespace outbox_rows;

std::expected<OutboxItem, Error> Outbox::mark_sending(std::int64_t id, UnixTime now) {
  std::optional<OutboxState> before;
  {
    auto& impl = *m_store->m_impl;
    std::lock_guard lock(impl.mutex);
    auto s = sql::Statement::prepare(impl.db, "SELECT state FROM outbox WHERE id = ?");
    if (!s) return std::unexpected(s.error());
    s->bind(1, id);
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) {
      return std::unexpected(
          Error{Error::Kind::not_found, fmt::format("no outbox item {}", id), ""});
    }
    before = core::parse_upload_state(s->column_text(0));
  }
  auto items = mark_sending(std::span<const std::int64_t>(&id, 1), now);
  if (!items) return std::unexpected(items.error());
  if (!items->empty()) return std::move(items->front());
  if (before == OutboxState::pending || before == OutboxState::retry_wait) {
    return std::unexpected(Error{Error::Kind::damaged,
                                 fmt::format("the request body of outbox item {} cannot be read "
                                             "back intact; it was quarantined",
                                             id),
                                 ""});
  }
  return std::unexpected(wrong_state(id, "outbox_sending", "'pending', 'retry_wait'"));
}

std::expected<std::vector<OutboxItem>, Error> Outbox::mark_sending(
    std::span<const std::int64_t> ids, UnixTime at) {
  const std::int64_t now = unix_ms(at);
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  auto tx = sql::Transaction::begin(impl.db);
  if (!tx) return std::unexpected(tx.error());
  auto update = sql::Statement::prepare(impl.db, R"sql(
    UPDATE outbox SET state = 'sending', attempts = attempts + 1, frozen = 1, updated_ms = ?1
    WHERE id = ?2 AND state IN ('pending', 'retry_wait'))sql");
  if (!update) return std::unexpected(update.error());
  auto select = sql::Statement::prepare(
      impl.db, fmt::format("SELECT {} FROM outbox WHERE id = ?", kItemColumns));
  if (!select) return std::unexpected(select.error());
  auto audit = AuditWriter::open(impl.db);
  if (!audit) return std::unexpected(audit.error());
  std::vector<OutboxItem> items;
  struct Unreadable {
    std::int64_t id;
    std::string claim_uuid;
    Error error;
  };
  std::vector<Unreadable> unreadable;
  for (const std::int64_t id : ids) {
    update->reset();
    update->bind(1, now).bind(2, id);
    if (auto ok = update->run(); !ok) return std::unexpected(ok.error());
    if (sqlite3_changes(impl.db) != 1) continue;  // moved meanwhile
    select->reset();
    select->bind(1, id);
    if (auto row = select->step(); !row) return std::unexpected(row.error());
    auto item = read_item(*select, impl.cipher, Body::decrypted);
    if (!item) {
      if (item.error().kind == Error::Kind::io || item.error().kind == Error::Kind::busy) {
        return std::unexpected(item.error());
      }
      unreadable.push_back({id, select->column_text(1), item.error()});
      continue;
    }
    if (auto ok = audit->append("outbox_sending", fmt::format("outbox={} ", id), now); !ok) {
      return std::unexpected(ok.error());
    }
    items.push_back(std::move(*item));
  }
  // A body that no longer decrypts or matches its hash would fail every time: set it aside for
  // staff instead of letting it hold up the queue.
  for (const auto& [id, claim_uuid, error] : unreadable) {
    auto s = sql::Statement::prepare(impl.db, R"sql(
      UPDATE outbox SET state = 'quarantined', attempts = attempts - 1,
        last_error_class = ?4, last_error_enc = ?1, updated_ms = ?2 WHERE id = ?3)sql");
    if (!s) return std::unexpected(s.error());
    s->bind_blob(1, impl.cipher.encrypt(error.message, where("outbox.error", claim_uuid)))
        .bind(2, now)
        .bind(3, id)
        .bind(4, core::to_string(core::ErrorClass::damaged));
    if (auto ok = s->run(); !ok) return std::unexpected(ok.error());
    if (auto ok =
            audit->append("outbox_quarantined", fmt::format("outbox={} class=damaged", id), now);
        !ok) {
      return std::unexpected(ok.error());
    }
  }
  if (auto ok = tx->commit(); !ok) return std::unexpected(ok.error());
  return items;
}

std::expected<void, Error> Outbox::record(std::span<const SendOutcome> outcomes, UnixTime at) {
  const std::int64_t now = unix_ms(at);
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  auto tx = sql::Transaction::begin(impl.db);
  if (!tx) return std::unexpected(tx.error());
  auto audit = AuditWriter::open(impl.db);
  if (!audit) return std::unexpected(audit.error());
  // One statement per kind, prepared when first needed; ?1 is now and ?2 the item's id.
  // kSet and kEvent are indexed by Kind.
  using Kind = SendOutcome::Kind;
  static_assert(static_cast<int>(Kind::acked) == 0 && static_cast<int>(Kind::retry) == 1 &&
                static_cast<int>(Kind::quarantined) == 2 && static_cast<int>(Kind::not_sent) == 3);
  std::optional<sql::Statement> statements[4];
  static constexpr std::string_view kSet[4] = {
      "state = 'acked', acked_ms = ?1, last_error_class = '', last_error_enc = NULL",
      "state = 'retry_wait', next_attempt_ms = ?3, last_error_class = ?4, last_error_enc = ?5",
      "state = 'quarantined', last_error_class = ?4, last_error_enc = ?5",
      "state = CASE WHEN attempts > 1 THEN 'retry_wait' ELSE 'pending' END, "
      "attempts = attempts - 1"};
  static constexpr std::string_view kEvent[4] = {"outbox_acked", "outbox_retry",
                                                 "outbox_quarantined", "outbox_not_sent"};
  std::optional<sql::Statement> claim_update;
  for (const SendOutcome& o : outcomes) {
    const auto k = static_cast<std::size_t>(o.kind);
    auto& s = statements[k];
    if (!s) {
      auto prepared = sql::Statement::prepare(
          impl.db, fmt::format("UPDATE outbox SET {}, updated_ms = ?1 WHERE id = ?2 AND "
                               "state = 'sending'",
                               kSet[k]));
      if (!prepared) return std::unexpected(prepared.error());
      s.emplace(std::move(*prepared));
    }
    s->reset();
    s->bind(1, now).bind(2, o.id);
    std::string detail;
    switch (o.kind) {
      case Kind::acked: detail = fmt::format("status={}", core::to_string(o.server_status)); break;
      case Kind::retry:
        s->bind(3, unix_ms(o.next_attempt));
        detail = fmt::format("class={} next={}", core::to_string(o.error_class),
                             unix_ms(o.next_attempt));
        [[fallthrough]];
      case Kind::quarantined:
        s->bind(4, core::to_string(o.error_class))
            .bind_blob(
                5, impl.cipher.encrypt(o.message, where("outbox.error", uuid_of(impl.db, o.id))));
        if (detail.empty()) detail = fmt::format("class={}", core::to_string(o.error_class));
        break;
      case Kind::not_sent: break;
    }
    if (auto ok = s->run(); !ok) return ok;
    if (sqlite3_changes(impl.db) != 1) {
      return std::unexpected(unchanged(impl.db, o.id, kEvent[k], "'sending'"));
    }
    if (o.kind == Kind::acked) {
      if (!claim_update) {
        auto prepared = sql::Statement::prepare(impl.db, R"sql(
          UPDATE claims SET server_claim_id = ?, server_status = ?, synced_ms = ?,
            server_reason_enc = ?
          WHERE uuid = ?)sql");
        if (!prepared) return std::unexpected(prepared.error());
        claim_update.emplace(std::move(*prepared));
      }
      claim_update->reset();
      const std::string uuid = uuid_of(impl.db, o.id);
      claim_update->bind(1, o.server_claim_id)
          .bind(2, core::to_string(o.server_status))
          .bind(3, now)
          .bind_blob(4, seal_server_reason(impl.cipher, uuid, o.server_reason))
          .bind(5, uuid);
      if (auto ok = claim_update->run(); !ok) return ok;
    }
    if (auto ok = audit->append(kEvent[k], fmt::format("outbox={} {}", o.id, detail), now); !ok) {
      return ok;
    }
  }
  return tx->commit();
}

std::expected<void, Error> Outbox::mark_acked(std::int64_t id, std::string_view server_claim_id,
                                              core::ClaimStatus server_status, UnixTime now) {
  SendOutcome o;
  o.id = id;
  o.kind = SendOutcome::Kind::acked;
  o.server_claim_id = server_claim_id;
  o.server_status = server_status;
  return record(std::span<const SendOutcome>(&o, 1), now);
}

std::expected<void, Error> Outbox::mark_retry(std::int64_t id, UnixTime next_attempt,
                                              core::ErrorClass error_class,
                                              std::string_view message, UnixTime now) {
  SendOutcome o;
  o.id = id;
  o.kind = SendOutcome::Kind::retry;
  o.next_attempt = next_attempt;
  o.error_class = error_class;
  o.message = message;
  return record(std::span<const SendOutcome>(&o, 1), now);
}

std::expected<void, Error> Outbox::mark_quarantined(std::int64_t id, core::ErrorClass error_class,
                                                    std::string_view server_reason, UnixTime now) {
  SendOutcome o;
  o.id = id;
  o.kind = SendOutcome::Kind::quarantined;
  o.error_class = error_class;
  o.message = server_reason;
  return record(std::span<const SendOutcome>(&o, 1), now);
}

}  // namespace kiosk::store
