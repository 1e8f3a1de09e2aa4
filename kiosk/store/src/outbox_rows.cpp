// Reading outbox rows back and explaining transitions that changed nothing.
#include "outbox_rows.h"

#include <fmt/core.h>

#include "base/sha256.h"

namespace kiosk::store::outbox_rows {

std::expected<OutboxItem, Error> read_item(const sql::Statement& s, const Cipher& cipher,
                                           Body body_columns) {
  OutboxItem item;
  item.id = s.column_int(0);
  item.claim_uuid = s.column_text(1);
  item.body_sha256 = s.column_text(3);
  item.attempts = static_cast<int>(s.column_int(4));
  item.state = core::parse_upload_state(s.column_text(5)).value_or(OutboxState::pending);
  item.created = from_unix_ms(s.column_int(6));
  item.next_attempt = from_unix_ms(s.column_int(7));
  item.frozen = s.column_int(8) != 0;
  item.last_error_class = stored_error_class(s.column_text(9));
  if (!s.column_null(10)) {
    auto message = cipher.decrypt(s.column_blob(10), where("outbox.error", item.claim_uuid));
    if (!message) return std::unexpected(message.error());
    item.last_error_message = std::string(message->reveal());
  }
  if (body_columns == Body::decrypted) {
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

Error unchanged(sqlite3* db, std::int64_t id, std::string_view action, std::string_view allowed) {
  auto exists = sql::Statement::prepare(db, "SELECT 1 FROM outbox WHERE id = ?");
  if (!exists) return exists.error();
  exists->bind(1, id);
  auto row = exists->step();
  if (!row) return row.error();
  if (!*row) return Error{Error::Kind::not_found, fmt::format("no outbox item {}", id), ""};
  return wrong_state(id, action, allowed);
}

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
std::optional<core::ErrorClass> stored_error_class(std::string_view text) {
  return core::parse_error_class(text);
}

}  // namespace kiosk::store::outbox_rows
