// The audit log: each entry's hash covers the previous entry's hash, so removing, reordering
// or editing an entry (triggers already refuse UPDATE and DELETE) breaks the chain.
#include <fmt/core.h>

#include "base/sha256.h"
#include "kiosk/store/crypto.h"
#include "store_impl.h"

namespace kiosk::store {
namespace {
const std::string kGenesis(64, '0');

std::string entry_hash(std::string_view prev, std::int64_t seq, std::int64_t at_ms,
                       std::string_view event, std::string_view detail) {
  return base::sha256_hex(fmt::format("{}\n{}\n{}\n{}\n{}", prev, seq, at_ms, event, detail));
}
}  // namespace

std::string where(std::string_view table_column, std::string_view key) {
  return fmt::format("{}:{}", table_column, key);
}

std::expected<AuditWriter, Error> AuditWriter::open(sqlite3* db) {
  auto last =
      sql::Statement::prepare(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!last) return std::unexpected(last.error());
  auto row = last->step();
  if (!row) return std::unexpected(row.error());
  auto insert = sql::Statement::prepare(
      db,
      "INSERT INTO audit_log (seq, at_ms, event, detail, prev_hash, hash) VALUES (?,?,?,?,?,?)");
  if (!insert) return std::unexpected(insert.error());
  AuditWriter writer(std::move(*insert));
  writer.m_seq = *row ? last->column_int(0) : 0;
  writer.m_prev = *row ? last->column_text(1) : kGenesis;
  return writer;
}

std::expected<void, Error> AuditWriter::append(std::string_view event, std::string_view detail,
                                               std::int64_t now_ms) {
  const std::int64_t seq = m_seq + 1;
  std::string hash = entry_hash(m_prev, seq, now_ms, event, detail);
  m_insert.reset();
  m_insert.bind(1, seq).bind(2, now_ms).bind(3, event).bind(4, detail).bind(5, m_prev).bind(6,
                                                                                            hash);
  if (auto ok = m_insert.run(); !ok) return ok;
  m_seq = seq;
  m_prev = std::move(hash);
  return {};
}

std::expected<void, Error> append_audit(sqlite3* db, std::string_view event,
                                        std::string_view detail, std::int64_t now_ms) {
  auto writer = AuditWriter::open(db);
  if (!writer) return std::unexpected(writer.error());
  return writer->append(event, detail, now_ms);
}

std::expected<void, Error> verify_audit_chain(sqlite3* db, std::vector<std::string>& problems,
                                              std::int64_t& entries) {
  auto rows = sql::Statement::prepare(
      db, "SELECT seq, at_ms, event, detail, prev_hash, hash FROM audit_log ORDER BY seq");
  if (!rows) return std::unexpected(rows.error());
  std::string prev = kGenesis;
  std::int64_t expected_seq = 1;
  entries = 0;
  for (;;) {
    auto row = rows->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    ++entries;
    const std::int64_t seq = rows->column_int(0);
    const std::string stored_prev = rows->column_text(4);
    const std::string stored_hash = rows->column_text(5);
    if (seq != expected_seq) {
      problems.push_back(fmt::format("audit log: entry {} follows entry {} (entries missing)", seq,
                                     expected_seq - 1));
    }
    if (stored_prev != prev) {
      problems.push_back(
          fmt::format("audit log: entry {} does not link to the entry before it", seq));
    }
    const std::string computed = entry_hash(stored_prev, seq, rows->column_int(1),
                                            rows->column_text(2), rows->column_text(3));
    if (computed != stored_hash) {
      problems.push_back(fmt::format("audit log: entry {} was altered (hash mismatch)", seq));
    }
    prev = stored_hash;
    expected_seq = seq + 1;
  }
  return {};
}

}  // namespace kiosk::store
