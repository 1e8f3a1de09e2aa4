// Settlement records fetched from the server, kept per person (keyed hash of the ID number)
// and encrypted, so a person can still see them when the network is down.
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "store_impl.h"

namespace kiosk::store {
namespace {
using nlohmann::json;

std::string bills_json(std::span<const core::Bill> bills) {
  json out = json::array();
  for (const auto& b : bills) {
    out.push_back({{"id", b.id}, {"institution", b.institution},
                   {"visit_type", core::to_string(b.visit_type)},
                   {"admitted", core::format_date(b.admitted)},
                   {"discharged", core::format_date(b.discharged)}, {"total_fen", b.total_fen},
                   {"fund_paid_fen", b.fund_paid_fen}, {"account_paid_fen", b.account_paid_fen},
                   {"cash_paid_fen", b.cash_paid_fen}, {"self_pay_full_fen", b.self_pay_full_fen}});
  }
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<std::vector<core::Bill>> parse_bills(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (!j.is_array()) return std::nullopt;
  std::vector<core::Bill> bills;
  try {
    for (const auto& b : j) {
      core::Bill bill;
      bill.id = b.at("id").get<std::string>();
      bill.institution = b.at("institution").get<std::string>();
      bill.visit_type = core::parse_visit_type(b.at("visit_type").get<std::string>())
                            .value_or(core::VisitType::outpatient);
      bill.admitted = core::parse_date(b.at("admitted").get<std::string>()).value_or(core::Date{});
      bill.discharged = core::parse_date(b.at("discharged").get<std::string>()).value_or(core::Date{});
      bill.total_fen = b.at("total_fen").get<core::Fen>();
      bill.fund_paid_fen = b.at("fund_paid_fen").get<core::Fen>();
      bill.account_paid_fen = b.at("account_paid_fen").get<core::Fen>();
      bill.cash_paid_fen = b.at("cash_paid_fen").get<core::Fen>();
      bill.self_pay_full_fen = b.at("self_pay_full_fen").get<core::Fen>();
      bills.push_back(std::move(bill));
    }
  } catch (const json::exception&) {
    return std::nullopt;
  }
  return bills;
}
}  // namespace

std::expected<void, Error> Store::cache_settlements(std::string_view id_number,
                                                    std::span<const core::Bill> bills,
                                                    std::int64_t now) {
  std::lock_guard lock(m_impl->mutex);
  const std::string hash = m_impl->cipher.lookup_hash(id_number);
  std::string plain = bills_json(bills);
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
    std::string_view id_number, std::int64_t max_age_ms, std::int64_t now) {
  std::lock_guard lock(m_impl->mutex);
  const std::string hash = m_impl->cipher.lookup_hash(id_number);
  auto s = sql::Statement::prepare(
      m_impl->db, "SELECT fetched_ms, bills_enc FROM settlement_cache WHERE id_hash = ?");
  if (!s) return std::unexpected(s.error());
  s->bind(1, hash);
  auto row = s->step();
  if (!row) return std::unexpected(row.error());
  if (!*row || now - s->column_int(0) > max_age_ms) return std::optional<std::vector<core::Bill>>{};
  auto plain = m_impl->cipher.decrypt(s->column_blob(1), where("settlement_cache", hash));
  if (!plain) return std::unexpected(plain.error());
  auto bills = parse_bills(plain->reveal());
  if (!bills) {
    return std::unexpected(Error{Error::Kind::damaged, "the cached settlement records are unreadable", ""});
  }
  return std::optional<std::vector<core::Bill>>{std::move(*bills)};
}

}  // namespace kiosk::store
