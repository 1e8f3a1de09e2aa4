// The outbox's state transitions. Each is one transaction with an audit entry, so a crash
// between the network call and the record leaves the item `sending`, which the next start
// turns into `retry_wait`: the same frozen body is sent again and the server deduplicates.
#include "kiosk/store/outbox.h"

#include <optional>

#include <fmt/core.h>

#include "base/sha256.h"
#include "store_impl.h"

namespace kiosk::store {
namespace {
constexpr std::string_view kItemColumns =
    "id, claim_uuid, body_enc, body_sha256, attempts, state, created_ms, next_attempt_ms, "
    "frozen, last_error_class, last_error_enc";
// The same columns with NULL for the body, for listings that do not need it.
constexpr std::string_view kItemColumnsWithoutBody =
    "id, claim_uuid, NULL, body_sha256, attempts, state, created_ms, next_attempt_ms, "
    "frozen, last_error_class, last_error_enc";

std::expected<OutboxItem, Error> read_item(const sql::Statement& s, const Cipher& cipher,
                                           bool with_body) {
  OutboxItem item;
  item.id = s.column_int(0);
  item.claim_uuid = s.column_text(1);
  item.body_sha256 = s.column_text(3);
  item.attempts = static_cast<int>(s.column_int(4));
  item.state = parse_outbox_state(s.column_text(5)).value_or(OutboxState::pending);
  item.created_ms = s.column_int(6);
  item.next_attempt_ms = s.column_int(7);
  item.frozen = s.column_int(8) != 0;
  item.last_error_class = s.column_text(9);
  if (!s.column_null(10)) {
    auto message = cipher.decrypt(s.column_blob(10), where("outbox.error", item.claim_uuid));
    if (!message) return std::unexpected(message.error());
    item.last_error_message = std::string(message->reveal());
  }
  if (with_body) {
    if (s.column_null(2)) {
      return std::unexpected(
          Error{Error::Kind::not_found,
                fmt::format("the request body of claim {} was purged", item.claim_uuid), ""});
    }
    auto body = cipher.decrypt(s.column_blob(2), where("outbox.body", item.claim_uuid));
    if (!body) return std::unexpected(body.error());
    item.body = std::string(body->reveal());
    if (base::sha256_hex(item.body) != item.body_sha256) {
      return std::unexpected(Error{Error::Kind::damaged,
                                   fmt::format("the request body of claim {} does not match its "
                                               "hash",
                                               item.claim_uuid),
                                   ""});
    }
  }
  return item;
}

Error wrong_state(std::int64_t id, std::string_view action, std::string_view allowed) {
  return Error{Error::Kind::wrong_state,
               fmt::format("outbox item {} cannot be {}: it is not {}", id, action, allowed), ""};
}

// Why an UPDATE ... WHERE id = ? AND state IN (...) changed no row.
Error unchanged(sqlite3* db, std::int64_t id, std::string_view action, std::string_view allowed) {
  auto exists = sql::Statement::prepare(db, "SELECT 1 FROM outbox WHERE id = ?");
  if (!exists) return exists.error();
  exists->bind(1, id);
  auto row = exists->step();
  if (!row) return row.error();
  if (!*row) return Error{Error::Kind::not_found, fmt::format("no outbox item {}", id), ""};
  return wrong_state(id, action, allowed);
}

// One transition of one item in its own transaction, with an audit entry.
std::expected<void, Error> transition(Store::Impl& impl, std::int64_t id, std::string_view set_sql,
                                      std::string_view allowed_states, std::string_view event,
                                      std::string_view detail, std::int64_t now) {
  auto tx = sql::Transaction::begin(impl.db);
  if (!tx) return std::unexpected(tx.error());
  auto s = sql::Statement::prepare(
      impl.db, fmt::format("UPDATE outbox SET {}, updated_ms = ?1 WHERE id = ?2 AND state IN ({})",
                           set_sql, allowed_states));
  if (!s) return std::unexpected(s.error());
  s->bind(1, now).bind(2, id);
  if (auto ok = s->run(); !ok) return ok;
  if (sqlite3_changes(impl.db) != 1) {
    return std::unexpected(unchanged(impl.db, id, event, allowed_states));
  }
  if (auto ok = append_audit(impl.db, event, fmt::format("outbox={} {}", id, detail), now); !ok) {
    return ok;
  }
  return tx->commit();
}

std::string uuid_of(sqlite3* db, std::int64_t id) {
  auto s = sql::Statement::prepare(db, "SELECT claim_uuid FROM outbox WHERE id = ?");
  if (!s) return {};
  s->bind(1, id);
  auto row = s->step();
  return row && *row ? s->column_text(0) : std::string{};
}
}  // namespace

std::string_view to_string(OutboxState state) {
  switch (state) {
    case OutboxState::pending: return "pending";
    case OutboxState::sending: return "sending";
    case OutboxState::acked: return "acked";
    case OutboxState::retry_wait: return "retry_wait";
    case OutboxState::quarantined: return "quarantined";
  }
  return "pending";
}

std::optional<OutboxState> parse_outbox_state(std::string_view text) {
  for (auto state : {OutboxState::pending, OutboxState::sending, OutboxState::acked,
                     OutboxState::retry_wait, OutboxState::quarantined}) {
    if (to_string(state) == text) return state;
  }
  return std::nullopt;
}

std::expected<std::vector<OutboxItem>, Error> Outbox::due(std::int64_t now, int limit) {
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  // The ids are chosen and sorted from the outbox_due index alone, then only those rows are
  // read, without their bodies: sorting whole rows dragged every due body (about 2 KB each,
  // in overflow pages) through a temporary table on every pass, so a backlog of n claims cost
  // O(n) per window of 200.
  auto s = sql::Statement::prepare(
      impl.db, fmt::format("SELECT {} FROM outbox WHERE id IN (SELECT id FROM outbox WHERE state "
                           "IN ('pending', 'retry_wait') AND next_attempt_ms <= ? ORDER BY id "
                           "LIMIT ?) ORDER BY id",
                           kItemColumnsWithoutBody));
  if (!s) return std::unexpected(s.error());
  s->bind(1, now).bind(2, std::int64_t{limit});
  std::vector<OutboxItem> items;
  for (;;) {
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return items;
    auto item = read_item(*s, impl.cipher, false);
    if (!item) return std::unexpected(item.error());
    items.push_back(std::move(*item));
  }
}

std::expected<OutboxItem, Error> Outbox::mark_sending(std::int64_t id, std::int64_t now) {
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
    before = parse_outbox_state(s->column_text(0));
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
    std::span<const std::int64_t> ids, std::int64_t now) {
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
    auto item = read_item(*select, impl.cipher, true);
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
        last_error_class = 'damaged', last_error_enc = ?1, updated_ms = ?2 WHERE id = ?3)sql");
    if (!s) return std::unexpected(s.error());
    s->bind_blob(1, impl.cipher.encrypt(error.message, where("outbox.error", claim_uuid)))
        .bind(2, now)
        .bind(3, id);
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

std::expected<void, Error> Outbox::record(std::span<const SendOutcome> outcomes, std::int64_t now) {
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
      case Kind::acked: detail = fmt::format("status={}", o.server_status); break;
      case Kind::retry:
        s->bind(3, o.next_attempt_ms);
        detail = fmt::format("class={} next={}", o.error_class, o.next_attempt_ms);
        [[fallthrough]];
      case Kind::quarantined:
        s->bind(4, o.error_class)
            .bind_blob(
                5, impl.cipher.encrypt(o.message, where("outbox.error", uuid_of(impl.db, o.id))));
        if (detail.empty()) detail = fmt::format("class={}", o.error_class);
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
          UPDATE claims SET server_claim_id = ?, server_status = ?, synced_ms = ?
          WHERE uuid = (SELECT claim_uuid FROM outbox WHERE id = ?))sql");
        if (!prepared) return std::unexpected(prepared.error());
        claim_update.emplace(std::move(*prepared));
      }
      claim_update->reset();
      claim_update->bind(1, o.server_claim_id).bind(2, o.server_status).bind(3, now).bind(4, o.id);
      if (auto ok = claim_update->run(); !ok) return ok;
    }
    if (auto ok = audit->append(kEvent[k], fmt::format("outbox={} {}", o.id, detail), now); !ok) {
      return ok;
    }
  }
  return tx->commit();
}

std::expected<void, Error> Outbox::mark_acked(std::int64_t id, std::string_view server_claim_id,
                                              std::string_view server_status, std::int64_t now) {
  SendOutcome o;
  o.id = id;
  o.kind = SendOutcome::Kind::acked;
  o.server_claim_id = server_claim_id;
  o.server_status = server_status;
  return record(std::span<const SendOutcome>(&o, 1), now);
}

std::expected<void, Error> Outbox::mark_retry(std::int64_t id, std::int64_t next_attempt_ms,
                                              std::string_view error_class,
                                              std::string_view message, std::int64_t now) {
  SendOutcome o;
  o.id = id;
  o.kind = SendOutcome::Kind::retry;
  o.next_attempt_ms = next_attempt_ms;
  o.error_class = error_class;
  o.message = message;
  return record(std::span<const SendOutcome>(&o, 1), now);
}

std::expected<void, Error> Outbox::mark_quarantined(std::int64_t id, std::string_view error_class,
                                                    std::string_view server_reason,
                                                    std::int64_t now) {
  SendOutcome o;
  o.id = id;
  o.kind = SendOutcome::Kind::quarantined;
  o.error_class = error_class;
  o.message = server_reason;
  return record(std::span<const SendOutcome>(&o, 1), now);
}

std::expected<void, Error> Outbox::requeue(std::int64_t id, std::int64_t now) {
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  return transition(impl, id, "state = 'pending', next_attempt_ms = ?1", "'quarantined'",
                    "outbox_requeued", "by staff", now);
}

std::expected<int, Error> Outbox::reset_sending_at_start(std::int64_t now) {
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  auto tx = sql::Transaction::begin(impl.db);
  if (!tx) return std::unexpected(tx.error());
  auto s = sql::Statement::prepare(impl.db, R"sql(
    UPDATE outbox SET state = 'retry_wait', next_attempt_ms = ?1, updated_ms = ?1,
      last_error_class = 'interrupted'
    WHERE state = 'sending')sql");
  if (!s) return std::unexpected(s.error());
  s->bind(1, now);
  if (auto ok = s->run(); !ok) return std::unexpected(ok.error());
  const int changed = sqlite3_changes(impl.db);
  if (changed > 0) {
    if (auto ok =
            append_audit(impl.db, "outbox_reset_sending", fmt::format("items={}", changed), now);
        !ok) {
      return std::unexpected(ok.error());
    }
  }
  if (auto ok = tx->commit(); !ok) return std::unexpected(ok.error());
  return changed;
}

std::expected<OutboxCounts, Error> Outbox::counts(std::int64_t now) {
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  OutboxCounts counts;
  auto s = sql::Statement::prepare(impl.db, "SELECT state, count(*) FROM outbox GROUP BY state");
  if (!s) return std::unexpected(s.error());
  for (;;) {
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    const auto n = s->column_int(1);
    switch (parse_outbox_state(s->column_text(0)).value_or(OutboxState::pending)) {
      case OutboxState::pending: counts.pending = n; break;
      case OutboxState::sending: counts.sending = n; break;
      case OutboxState::acked: counts.acked = n; break;
      case OutboxState::retry_wait: counts.retry_wait = n; break;
      case OutboxState::quarantined: counts.quarantined = n; break;
    }
  }
  // Each part reads one index (schema version 3), never the rows with their bodies.
  auto extra = sql::Statement::prepare(impl.db, R"sql(
    SELECT (SELECT min(m) FROM (
              SELECT min(created_ms) AS m FROM outbox WHERE state = 'pending'
              UNION ALL SELECT min(created_ms) FROM outbox WHERE state = 'sending'
              UNION ALL SELECT min(created_ms) FROM outbox WHERE state = 'retry_wait')),
           (SELECT max(acked_ms) FROM outbox WHERE acked_ms IS NOT NULL),
           (SELECT last_error_class FROM outbox WHERE last_error_class <> ''
              ORDER BY updated_ms DESC, id DESC LIMIT 1))sql");
  if (!extra) return std::unexpected(extra.error());
  if (auto row = extra->step(); !row) return std::unexpected(row.error());
  if (!extra->column_null(0)) counts.oldest_pending_age_ms = now - extra->column_int(0);
  if (!extra->column_null(1)) counts.last_acked_ms = extra->column_int(1);
  counts.last_error_class = extra->column_text(2);
  return counts;
}

std::expected<std::vector<OutboxItem>, Error> Outbox::items(std::optional<OutboxState> state,
                                                            int limit) {
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  auto s = sql::Statement::prepare(
      impl.db,
      fmt::format("SELECT {} FROM outbox WHERE ?1 IS NULL OR state = ?1 ORDER BY id LIMIT ?2",
                  kItemColumnsWithoutBody));
  if (!s) return std::unexpected(s.error());
  if (state)
    s->bind(1, to_string(*state));
  else
    s->bind_null(1);
  s->bind(2, std::int64_t{limit > 0 ? limit : -1});
  std::vector<OutboxItem> items;
  for (;;) {
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return items;
    auto item = read_item(*s, impl.cipher, false);
    if (!item) return std::unexpected(item.error());
    items.push_back(std::move(*item));
  }
}

std::expected<void, Error> Outbox::set_server_status(std::string_view claim_uuid,
                                                     std::string_view server_status,
                                                     std::int64_t now) {
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  auto tx = sql::Transaction::begin(impl.db);
  if (!tx) return std::unexpected(tx.error());
  auto s = sql::Statement::prepare(impl.db, "UPDATE claims SET server_status = ? WHERE uuid = ?");
  if (!s) return std::unexpected(s.error());
  s->bind(1, server_status).bind(2, claim_uuid);
  if (auto ok = s->run(); !ok) return ok;
  if (sqlite3_changes(impl.db) != 1) {
    return std::unexpected(
        Error{Error::Kind::not_found, fmt::format("no claim {} is stored", claim_uuid), ""});
  }
  if (auto ok = append_audit(impl.db, "claim_status",
                             fmt::format("uuid={} status={}", claim_uuid, server_status), now);
      !ok) {
    return ok;
  }
  return tx->commit();
}

}  // namespace kiosk::store
