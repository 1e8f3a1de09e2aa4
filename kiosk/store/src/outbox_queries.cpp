// The outbox read without moving anything: what is due, the counts for staff and heartbeats,
// and listings. None of them reads a body except what mark_sending hands out.
#include "kiosk/store/outbox.h"

#include <optional>

#include <fmt/core.h>

#include "outbox_rows.h"

namespace kiosk::store {
using namespace outbox_rows;
namespace {
// Every row of a listing selected with kItemColumnsWithoutBody.
std::expected<std::vector<OutboxItem>, Error> read_items(sql::Statement& s, const Cipher& cipher) {
  std::vector<OutboxItem> items;
  for (;;) {
    auto row = s.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return items;
    auto item = read_item(s, cipher, Body::left_out);
    if (!item) return std::unexpected(item.error());
    items.push_back(std::move(*item));
  }
}
}  // namespace

std::expected<std::vector<OutboxItem>, Error> Outbox::due(UnixTime at, int limit) {
  const std::int64_t now = unix_ms(at);
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
  return read_items(*s, impl.cipher);
}

std::expected<OutboxCounts, Error> Outbox::counts(UnixTime at) {
  const std::int64_t now = unix_ms(at);
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
    switch (core::parse_upload_state(s->column_text(0)).value_or(OutboxState::pending)) {
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
  if (!extra->column_null(0)) counts.oldest_pending_age = Millis{now - extra->column_int(0)};
  if (!extra->column_null(1)) counts.last_acked = from_unix_ms(extra->column_int(1));
  counts.last_error_class = stored_error_class(extra->column_text(2));
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
    s->bind(1, core::to_string(*state));
  else
    s->bind_null(1);
  s->bind(2, std::int64_t{limit > 0 ? limit : -1});
  return read_items(*s, impl.cipher);
}

}  // namespace kiosk::store
