// Settlement records as the store keeps them: one JSON array per claim or per cached person,
// encrypted, because hospitals, dates and amounts are health data.
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "kiosk/store/bill_json.h"
#include "store_impl.h"

namespace kiosk::store {
using nlohmann::json;

std::string bills_json(std::span<const core::Bill> bills) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& b : bills) out.push_back(bill_to_json(b));
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
      bill.discharged =
          core::parse_date(b.at("discharged").get<std::string>()).value_or(core::Date{});
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

std::string seal_claim_bills(const Cipher& cipher, std::string_view uuid,
                             std::span<const core::Bill> bills) {
  std::string plain = bills_json(bills);
  std::string sealed = cipher.encrypt(plain, where("claims.bills", uuid));
  core::secure_zero(plain.data(), plain.size());
  return sealed;
}

std::expected<std::vector<core::Bill>, Error> open_claim_bills(const Cipher& cipher,
                                                               std::string_view uuid,
                                                               std::string_view sealed) {
  auto plain = cipher.decrypt(sealed, where("claims.bills", uuid));
  if (!plain) return std::unexpected(plain.error());
  auto bills = parse_bills(plain->reveal());
  if (!bills) {
    return std::unexpected(
        Error{Error::Kind::damaged, fmt::format("the bills of claim {} are unreadable", uuid), ""});
  }
  return std::move(*bills);
}

}  // namespace kiosk::store
