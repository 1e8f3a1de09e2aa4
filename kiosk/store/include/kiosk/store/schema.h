#pragma once
// The database schema and its versions (PRAGMA user_version). Store::open migrates to the
// current version in one transaction; a database from a newer version is refused unchanged.
// Public so tests and tools can build a database of an older version and migrate it.
#include <expected>
#include <filesystem>

#include "kiosk/store/error.h"

namespace kiosk::store {

// 1: settings, claims, claim_bills, outbox.
// 2: audit_log (hash-chained, append-only), settlement_cache, claims.purged_ms.
// 3: indexes for the outbox figures (waiting since, last ack, last error).
// 4: claims.bills_enc (the bills, encrypted) replaces the plain claim_bills table, and
//    claims.estimate_enc the plain estimate_json.
// 5: claims.server_reason_enc: what the server said with the status it gave (why it refused
//    the claim), encrypted, as staff may write anything there. NULL: no status has been
//    recorded with its reason yet (claims a version-4 store already knew to be rejected).
inline constexpr int kSchemaVersion = 5;

// Creates (or migrates) the database file at `path` to exactly `version`, without
// encryption keys or data (a step that must encrypt existing rows fails). For tests and tools.
std::expected<void, Error> create_database_at_version(const std::filesystem::path& path,
                                                      int version);

}  // namespace kiosk::store
