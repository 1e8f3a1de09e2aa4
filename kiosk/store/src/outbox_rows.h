#pragma once
// What the outbox's source files share: the columns of an item, reading one back (decrypted
// and checked against its hash), and the errors of a transition that changed nothing.
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "kiosk/store/outbox.h"
#include "store_impl.h"

namespace kiosk::store::outbox_rows {

inline constexpr std::string_view kItemColumns =
    "id, claim_uuid, body_enc, body_sha256, attempts, state, created_ms, next_attempt_ms, "
    "frozen, last_error_class, last_error_enc";
// The same columns with NULL for the body, for listings that do not need it.
inline constexpr std::string_view kItemColumnsWithoutBody =
    "id, claim_uuid, NULL, body_sha256, attempts, state, created_ms, next_attempt_ms, "
    "frozen, last_error_class, last_error_enc";

enum class Body {
  decrypted,  // the row was selected with kItemColumns: decrypt the body and check its hash
  left_out,   // selected with kItemColumnsWithoutBody
};

std::expected<OutboxItem, Error> read_item(const sql::Statement& s, const Cipher& cipher,
                                           Body body);

Error wrong_state(std::int64_t id, std::string_view action, std::string_view allowed);
// Why an UPDATE ... WHERE id = ? AND state IN (...) changed no row.
Error unchanged(sqlite3* db, std::int64_t id, std::string_view action, std::string_view allowed);
// One transition of one item in its own transaction, with an audit entry.
std::expected<void, Error> transition(Store::Impl& impl, std::int64_t id, std::string_view set_sql,
                                      std::string_view allowed_states, std::string_view event,
                                      std::string_view detail, std::int64_t now);
std::string uuid_of(sqlite3* db, std::int64_t id);

// The class stored in last_error_class ('' when none): nullopt for '' and unknown names.
std::optional<core::ErrorClass> stored_error_class(std::string_view text);

}  // namespace kiosk::store::outbox_rows
