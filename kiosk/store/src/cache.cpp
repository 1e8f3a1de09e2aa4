// Settlement records fetched from the server, kept per person (keyed hash of the ID number)
// and encrypted, so a person can still see them when the network is down.
#include <fmt/core.h>

#include "kiosk/api/bill_json.h"
#include "store_impl.h"

namespace kiosk::store {

std::expected<void, Error> Store::cache_settlements(std::string_view id_number,
                                                    std::span<const core::Bill> bills,
                                                    UnixTime at) {
  const std::int64_t now = unix_ms(at);
  std::lock_guard lock(m_impl->mutex);
  const std::string hash = m_impl->cipher.lookup_hash(id_number);
  std::string plain = api::bills_to_text(bills);
  const std::string sealed = m_impl->cipher.encrypt(plain, where("settlement_cache", hash));
  core::secure_zero(plain.data(), plain.size());
  auto s = sql::Statement::prepare(m_impl->db, R"sql(
    INSERT INTO settlement_cache (id_hash, fetched_ms, bills_enc) VALUES (?, ?, ?)
    ON CONFLICT (id_hash) DO UPDATE SET fetched_ms = excluded.fetched_ms,
      bills_enc = excluded.bills_enc)sql");
  if (!s) return std::unexpected(s.error());
  s->bind(1, hash).bind(2, now).bind_blob(3, sealed);
  return s->run();
}

std::expected<std::optional<std::vector<core::Bill>>, Error> Store::cached_settlements(
    std::string_view id_number, Millis max_age, UnixTime at) {
  const std::int64_t now = unix_ms(at);
  std::lock_guard lock(m_impl->mutex);
  const std::string hash = m_impl->cipher.lookup_hash(id_number);
  auto s = sql::Statement::prepare(
      m_impl->db, "SELECT fetched_ms, bills_enc FROM settlement_cache WHERE id_hash = ?");
  if (!s) return std::unexpected(s.error());
  s->bind(1, hash);
  auto row = s->step();
  if (!row) return std::unexpected(row.error());
  if (!*row || now - s->column_int(0) > max_age.count())
    return std::optional<std::vector<core::Bill>>{};
  auto plain = m_impl->cipher.decrypt(s->column_blob(1), where("settlement_cache", hash));
  if (!plain) return std::unexpected(plain.error());
  auto bills = api::bills_from_text(plain->reveal());
  if (!bills) {
    return std::unexpected(
        Error{Error::Kind::damaged, "the cached settlement records are unreadable", bills.error()});
  }
  return std::optional<std::vector<core::Bill>>{std::move(*bills)};
}

}  // namespace kiosk::store
