// The outbox's state transitions. Each is one transaction with an audit entry, so a crash
// between the network call and the record leaves the item `sending`, which the next start
// turns into `retry_wait`: the same frozen body is sent again and the server deduplicates.
#include "kiosk/store/outbox.h"

#include <functional>

#include <fmt/core.h>

#include "store_impl.h"

namespace kiosk::store {
namespace {
constexpr std::string_view kItemColumns =
    "id, claim_uuid, body_enc, body_sha256, attempts, state, created_ms, next_attempt_ms, "
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
      return std::unexpected(Error{Error::Kind::not_found,
                                   fmt::format("the request body of claim {} was purged",
                                               item.claim_uuid),
                                   ""});
    }
    auto body = cipher.decrypt(s.column_blob(2), where("outbox.body", item.claim_uuid));
    if (!body) return std::unexpected(body.error());
    item.body = std::string(body->reveal());
    if (sha256_hex(item.body) != item.body_sha256) {
      return std::unexpected(Error{Error::Kind::damaged,
                                   fmt::format("the request body of claim {} does not match its "
                                               "hash", item.claim_uuid),
                                   ""});
    }
  }
  return item;
}

Error wrong_state(std::int64_t id, std::string_view action, std::string_view allowed) {
  return Error{Error::Kind::wrong_state,
               fmt::format("outbox item {} cannot be {}: it is not {}", id, action, allowed), ""};
}

// UPDATE ... WHERE id = ? AND state IN (...); then an audit entry. Inside a transaction.
std::expected<void, Error> apply_transition(Store::Impl& impl, std::int64_t id,
                                            std::string_view set_sql,
                                            std::string_view allowed_states,
                                            const std::function<void(sql::Statement&)>& bind,
                                            std::string_view event, std::string_view detail,
                                            std::int64_t now) {
  auto s = sql::Statement::prepare(
      impl.db, fmt::format("UPDATE outbox SET {}, updated_ms = ?9 WHERE id = ?10 AND state IN ({})",
                           set_sql, allowed_states));
  if (!s) return std::unexpected(s.error());
  bind(*s);
  s->bind(9, now).bind(10, id);
  if (auto ok = s->run(); !ok) return ok;
  if (sqlite3_changes(impl.db) != 1) {
    auto exists = sql::Statement::prepare(impl.db, "SELECT 1 FROM outbox WHERE id = ?");
    if (!exists) return std::unexpected(exists.error());
    exists->bind(1, id);
    auto row = exists->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) {
      return std::unexpected(Error{Error::Kind::not_found, fmt::format("no outbox item {}", id), ""});
    }
    return std::unexpected(wrong_state(id, event, allowed_states));
  }
  return append_audit(impl.db, event, fmt::format("outbox={} {}", id, detail), now);
}

// The same as one transaction of its own.
std::expected<void, Error> transition(Store::Impl& impl, std::int64_t id, std::string_view set_sql,
                                      std::string_view allowed_states,
                                      const std::function<void(sql::Statement&)>& bind,
                                      std::string_view event, std::string_view detail,
                                      std::int64_t now) {
  auto tx = sql::Transaction::begin(impl.db);
  if (!tx) return std::unexpected(tx.error());
  if (auto ok = apply_transition(impl, id, set_sql, allowed_states, bind, event, detail, now); !ok) {
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
  auto s = sql::Statement::prepare(
      impl.db, fmt::format("SELECT {} FROM outbox WHERE state IN ('pending', 'retry_wait') AND "
                           "next_attempt_ms <= ? ORDER BY id LIMIT ?", kItemColumns));
  if (!s) return std::unexpected(s.error());
  s->bind(1, now).bind(2, std::int64_t{limit});
  std::vector<OutboxItem> items;
  for (;;) {
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return items;
    auto item = read_item(*s, impl.cipher, true);
    if (!item) return std::unexpected(item.error());
    items.push_back(std::move(*item));
  }
}

std::expected<OutboxItem, Error> Outbox::mark_sending(std::int64_t id, std::int64_t now) {
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  auto ok = transition(impl, id, "state = 'sending', attempts = attempts + 1, frozen = 1",
                       "'pending', 'retry_wait'", [](sql::Statement&) {}, "outbox_sending", "", now);
  if (!ok) return std::unexpected(ok.error());
  auto s = sql::Statement::prepare(impl.db,
                                   fmt::format("SELECT {} FROM outbox WHERE id = ?", kItemColumns));
  if (!s) return std::unexpected(s.error());
  s->bind(1, id);
  if (auto row = s->step(); !row) return std::unexpected(row.error());
  return read_item(*s, impl.cipher, true);
}

std::expected<void, Error> Outbox::mark_acked(std::int64_t id, std::string_view server_claim_id,
                                              std::string_view server_status, std::int64_t now) {
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  auto tx = sql::Transaction::begin(impl.db);
  if (!tx) return std::unexpected(tx.error());
  if (auto ok = apply_transition(impl, id, "state = 'acked', acked_ms = ?9, last_error_class = '', "
                                     "last_error_enc = NULL",
                           "'sending'", [](sql::Statement&) {}, "outbox_acked",
                           fmt::format("status={}", server_status), now);
      !ok) {
    return ok;
  }
  auto claim = sql::Statement::prepare(impl.db, R"sql(
    UPDATE claims SET server_claim_id = ?, server_status = ?, synced_ms = ?
    WHERE uuid = (SELECT claim_uuid FROM outbox WHERE id = ?))sql");
  if (!claim) return std::unexpected(claim.error());
  claim->bind(1, server_claim_id).bind(2, server_status).bind(3, now).bind(4, id);
  if (auto ok = claim->run(); !ok) return ok;
  return tx->commit();
}

std::expected<void, Error> Outbox::mark_retry(std::int64_t id, std::int64_t next_attempt_ms,
                                              std::string_view error_class,
                                              std::string_view message, std::int64_t now) {
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  const std::string sealed = impl.cipher.encrypt(message, where("outbox.error", uuid_of(impl.db, id)));
  return transition(
      impl, id, "state = 'retry_wait', next_attempt_ms = ?1, last_error_class = ?2, last_error_enc = ?3",
      "'sending'",
      [&](sql::Statement& s) { s.bind(1, next_attempt_ms).bind(2, error_class).bind_blob(3, sealed); },
      "outbox_retry", fmt::format("class={} next={}", error_class, next_attempt_ms), now);
}

std::expected<void, Error> Outbox::mark_quarantined(std::int64_t id, std::string_view error_class,
                                                    std::string_view server_reason,
                                                    std::int64_t now) {
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  const std::string sealed =
      impl.cipher.encrypt(server_reason, where("outbox.error", uuid_of(impl.db, id)));
  return transition(
      impl, id, "state = 'quarantined', last_error_class = ?2, last_error_enc = ?3", "'sending'",
      [&](sql::Statement& s) { s.bind(2, error_class).bind_blob(3, sealed); },
      "outbox_quarantined", fmt::format("class={}", error_class), now);
}

std::expected<void, Error> Outbox::requeue(std::int64_t id, std::int64_t now) {
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  return transition(impl, id, "state = 'pending', next_attempt_ms = ?9", "'quarantined'",
                    [](sql::Statement&) {}, "outbox_requeued", "by staff", now);
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
    if (auto ok = append_audit(impl.db, "outbox_reset_sending", fmt::format("items={}", changed), now);
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
  auto extra = sql::Statement::prepare(impl.db, R"sql(
    SELECT (SELECT min(created_ms) FROM outbox WHERE state IN ('pending', 'sending', 'retry_wait')),
           (SELECT max(acked_ms) FROM outbox),
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
      impl.db, fmt::format("SELECT {} FROM outbox WHERE ?1 IS NULL OR state = ?1 ORDER BY id LIMIT ?2",
                           kItemColumns));
  if (!s) return std::unexpected(s.error());
  if (state) s->bind(1, to_string(*state));
  else s->bind_null(1);
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
    return std::unexpected(Error{Error::Kind::not_found, fmt::format("no claim {} is stored", claim_uuid), ""});
  }
  if (auto ok = append_audit(impl.db, "claim_status",
                             fmt::format("uuid={} status={}", claim_uuid, server_status), now);
      !ok) {
    return ok;
  }
  return tx->commit();
}

}  // namespace kiosk::store
