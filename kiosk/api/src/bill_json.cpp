#include "kiosk/api/bill_json.h"

#include <array>
#include <utility>

#include "fields.h"
#include "kiosk/core/rules.h"

namespace kiosk::api {
using detail::Presence;

nlohmann::ordered_json bill_to_json(const core::Bill& bill) {
  return {{"id", bill.id},
          {"institution", bill.institution},
          {"visit_type", core::to_string(bill.visit_type)},
          {"admitted", core::format_date(bill.admitted)},
          {"discharged", core::format_date(bill.discharged)},
          {"total_fen", bill.total_fen},
          {"fund_paid_fen", bill.fund_paid_fen},
          {"account_paid_fen", bill.account_paid_fen},
          {"cash_paid_fen", bill.cash_paid_fen},
          {"self_pay_full_fen", bill.self_pay_full_fen}};
}

std::expected<core::Bill, std::string> bill_from_json(const nlohmann::json& value) {
  if (!value.is_object()) return std::unexpected(std::string("is not an object"));
  core::Bill bill;
  auto id = detail::text(value, "id", Presence::required);
  if (!id) return std::unexpected(id.error());
  bill.id = **id;
  auto institution = detail::text(value, "institution", Presence::required);
  if (!institution) return std::unexpected(institution.error());
  bill.institution = **institution;
  auto type_text = detail::text(value, "visit_type", Presence::required);
  if (!type_text) return std::unexpected(type_text.error());
  auto type = core::parse_visit_type(**type_text);
  if (!type) {
    return std::unexpected(
        std::string("visit_type must be \"inpatient\", \"outpatient_chronic\" or \"outpatient\""));
  }
  bill.visit_type = *type;
  const std::array<std::pair<const char*, core::Date*>, 2> dates{{
      {"discharged", &bill.discharged},
      {"admitted", &bill.admitted},
  }};
  for (const auto& [key, field] : dates) {
    auto date_text = detail::text(value, key, Presence::required);
    if (!date_text) return std::unexpected(date_text.error());
    auto date = core::parse_date(**date_text);
    if (!date) return std::unexpected(std::string(key) + ": " + date.error());
    *field = *date;
  }
  const std::array<std::pair<const char*, core::Fen*>, 5> amounts{{
      {"total_fen", &bill.total_fen},
      {"fund_paid_fen", &bill.fund_paid_fen},
      {"account_paid_fen", &bill.account_paid_fen},
      {"cash_paid_fen", &bill.cash_paid_fen},
      {"self_pay_full_fen", &bill.self_pay_full_fen},
  }};
  for (const auto& [key, field] : amounts) {
    auto amount = detail::integer(value, key, 0, core::kMaxAmountFen);
    if (!amount) return std::unexpected(amount.error());
    *field = *amount;
  }
  return bill;
}

std::string bills_to_text(std::span<const core::Bill> bills) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& bill : bills) out.push_back(bill_to_json(bill));
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::expected<std::vector<core::Bill>, std::string> bills_from_json(const nlohmann::json& value) {
  if (!value.is_array()) return std::unexpected(std::string("bills must be a list"));
  std::vector<core::Bill> bills;
  bills.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto bill = bill_from_json(value[i]);
    if (!bill) return std::unexpected(detail::at("bills", i, bill.error()));
    bills.push_back(std::move(*bill));
  }
  return bills;
}

std::expected<std::vector<core::Bill>, std::string> bills_from_text(std::string_view text) {
  const auto value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::unexpected(std::string("the bills are not valid JSON"));
  return bills_from_json(value);
}

}  // namespace kiosk::api
