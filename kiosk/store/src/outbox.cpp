// Outbox moves outside a send: staff requeueing a quarantined item, the start-up reset of
// interrupted sends, and later claim statuses from the server. Each is one transaction with
// an audit entry.
#include "kiosk/store/outbox.h"

#include <optional>

#include <fmt/core.h>

#include "outbox_rows.h"

namespace kiosk::store {
using namespace outbox_rows;

std::expected<void, Error> Outbox::requeue(std::int64_t id, UnixTime at) {
  const std::int64_t now = unix_ms(at);
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  return transition(impl, id, "state = 'pending', next_attempt_ms = ?1", "'quarantined'",
                    "outbox_requeued", "by staff", now);
}

std::expected<int, Error> Outbox::reset_sending_at_start(UnixTime at) {
  const std::int64_t now = unix_ms(at);
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  auto tx = sql::Transaction::begin(impl.db);
  if (!tx) return std::unexpected(tx.error());
  auto s = sql::Statement::prepare(impl.db, R"sql(
    UPDATE outbox SET state = 'retry_wait', next_attempt_ms = ?1, updated_ms = ?1,
      last_error_class = ?2
    WHERE state = 'sending')sql");
  if (!s) return std::unexpected(s.error());
  s->bind(1, now).bind(2, core::to_string(core::ErrorClass::interrupted));
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

std::expected<void, Error> Outbox::set_server_status(std::string_view claim_uuid,
                                                     core::ClaimStatus server_status,
                                                     std::optional<std::string_view> server_reason,
                                                     UnixTime at) {
  const std::int64_t now = unix_ms(at);
  auto& impl = *m_store->m_impl;
  std::lock_guard lock(impl.mutex);
  auto tx = sql::Transaction::begin(impl.db);
  if (!tx) return std::unexpected(tx.error());
  auto s = sql::Statement::prepare(
      impl.db, "UPDATE claims SET server_status = ?, server_reason_enc = ? WHERE uuid = ?");
  if (!s) return std::unexpected(s.error());
  s->bind(1, core::to_string(server_status))
      .bind_blob(2, seal_server_reason(impl.cipher, claim_uuid, server_reason))
      .bind(3, claim_uuid);
  if (auto ok = s->run(); !ok) return ok;
  if (sqlite3_changes(impl.db) != 1) {
    return std::unexpected(
        Error{Error::Kind::not_found, fmt::format("no claim {} is stored", claim_uuid), ""});
  }
  if (auto ok = append_audit(
          impl.db, "claim_status",
          fmt::format("uuid={} status={}", claim_uuid, core::to_string(server_status)), now);
      !ok) {
    return ok;
  }
  return tx->commit();
}

}  // namespace kiosk::store
