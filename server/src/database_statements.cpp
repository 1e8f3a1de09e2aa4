// server::Database: printed personal-share statements, registered by the kiosk that printed
// them and read back by whoever checks the paper's verification number.
#include "server/database.h"

#include <fmt/core.h>

#include "database_rows.h"

namespace server {
using nlohmann::json;

namespace {
// What a verifier may see: everything printed, never the member's hash.
json public_record(const json& registration, const std::string& registered_at) {
  json out = registration;
  out.erase("member_id_hash");
  out["registered_at"] = registered_at;
  return out;
}
}  // namespace

std::expected<Database::StatementOutcome, std::string> Database::register_statement(
    const std::string& terminal_id, const std::string& centre, const json& registration) {
  const std::string number = registration.at("number").get<std::string>();
  const std::string body = registration.dump();
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  StatementOutcome out;
  // Insert-or-read on the unique number, in one transaction: two registrations of one number
  // at once (two instances) store one row, and the other reads it.
  auto done = sql::in_transaction(**conn, [&]() -> std::expected<void, std::string> {
    const std::string now = now_rfc3339();
    auto inserted = (*conn)->query(
        "INSERT INTO statements (number, terminal_id, centre, body, registered_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (number) DO NOTHING RETURNING number",
        {number, terminal_id, centre, body, now});
    if (!inserted) return std::unexpected(inserted.error());
    if (!inserted->empty()) {
      out = {InsertResult::created, public_record(registration, now)};
      return {};
    }
    auto stored = (*conn)->query(
        "SELECT terminal_id, body, registered_at FROM statements WHERE number = ?", {number});
    if (!stored) return std::unexpected(stored.error());
    if (stored->empty()) return std::unexpected("statement " + number + " vanished");
    const json before = json::parse(stored->text(0, 1), nullptr, false);
    const bool same = stored->text(0, 0) == terminal_id && before == registration;
    out = {same ? InsertResult::duplicate : InsertResult::conflict,
           public_record(before, stored->text(0, 2))};
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return out;
}

std::expected<std::optional<json>, std::string> Database::find_statement(
    const std::string& number) {
  auto conn = m_pool->acquire();
  if (!conn) return std::unexpected(conn.error());
  auto rows =
      (*conn)->query("SELECT body, registered_at FROM statements WHERE number = ?", {number});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<json>{};
  const json body = json::parse(rows->text(0, 0), nullptr, false);
  if (!body.is_object()) return std::unexpected("the stored statement " + number + " is damaged");
  return std::optional<json>{public_record(body, rows->text(0, 1))};
}

}  // namespace server
