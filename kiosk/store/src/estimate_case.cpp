#include "kiosk/store/estimate_case.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "kiosk/core/rules.h"

namespace kiosk::store {
namespace {
using nlohmann::json;
using nlohmann::ordered_json;

Error invalid(std::string message) { return Error{Error::Kind::invalid, std::move(message), ""}; }

// A required integer field: fen amounts and years.
std::expected<std::int64_t, std::string> integer(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return std::unexpected(fmt::format("{} is missing", key));
  if (!it->is_number_integer()) return std::unexpected(fmt::format("{} must be a whole number", key));
  return it->get<std::int64_t>();
}

std::expected<std::string, std::string> text(const json& object, const char* key, bool required) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) return std::unexpected(fmt::format("{} is missing", key));
    return std::string{};
  }
  if (!it->is_string()) return std::unexpected(fmt::format("{} must be a string", key));
  return it->get<std::string>();
}

std::expected<core::Bill, std::string> read_bill(const json& j) {
  if (!j.is_object()) return std::unexpected(std::string("is not an object"));
  core::Bill bill;
  auto id = text(j, "id", true);
  if (!id) return std::unexpected(id.error());
  bill.id = *id;
  auto institution = text(j, "institution", false);
  if (!institution) return std::unexpected(institution.error());
  bill.institution = *institution;
  auto type_text = text(j, "visit_type", true);
  if (!type_text) return std::unexpected(type_text.error());
  auto type = core::parse_visit_type(*type_text);
  if (!type) {
    return std::unexpected(std::string(
        "visit_type must be \"inpatient\", \"outpatient_chronic\" or \"outpatient\""));
  }
  bill.visit_type = *type;
  auto discharged_text = text(j, "discharged", true);
  if (!discharged_text) return std::unexpected(discharged_text.error());
  auto discharged = core::parse_date(*discharged_text);
  if (!discharged) return std::unexpected("discharged: " + discharged.error());
  bill.discharged = *discharged;
  bill.admitted = *discharged;
  auto admitted_text = text(j, "admitted", false);
  if (!admitted_text) return std::unexpected(admitted_text.error());
  if (!admitted_text->empty()) {
    auto admitted = core::parse_date(*admitted_text);
    if (!admitted) return std::unexpected("admitted: " + admitted.error());
    bill.admitted = *admitted;
  }
  const std::pair<const char*, core::Fen*> amounts[] = {
      {"total_fen", &bill.total_fen},           {"fund_paid_fen", &bill.fund_paid_fen},
      {"account_paid_fen", &bill.account_paid_fen}, {"cash_paid_fen", &bill.cash_paid_fen},
      {"self_pay_full_fen", &bill.self_pay_full_fen}};
  for (const auto& [key, field] : amounts) {
    auto value = integer(j, key);
    if (!value) return std::unexpected(value.error());
    *field = *value;
  }
  if (auto ok = core::check_bill(bill); !ok) return std::unexpected(ok.error());
  return bill;
}

std::expected<core::PlanHistory, std::string> read_history(const json& j) {
  if (!j.is_object()) return std::unexpected(std::string("is not an object"));
  core::PlanHistory h;
  auto plan = text(j, "plan", true);
  if (!plan) return std::unexpected(plan.error());
  h.plan = *plan;
  auto year = integer(j, "year");
  if (!year) return std::unexpected(year.error());
  if (*year < 1900 || *year > 9999) return std::unexpected(std::string("year must be 1900 to 9999"));
  h.year = static_cast<int>(*year);
  auto eligible = integer(j, "eligible_fen");
  if (!eligible) return std::unexpected(eligible.error());
  auto benefit = integer(j, "benefit_fen");
  if (!benefit) return std::unexpected(benefit.error());
  if (*eligible < 0 || *eligible > core::kMaxAmountFen || *benefit < 0 ||
      *benefit > core::kMaxAmountFen) {
    return std::unexpected(fmt::format("amounts must be 0 to {} fen", core::kMaxAmountFen));
  }
  h.eligible_fen = *eligible;
  h.benefit_fen = *benefit;
  return h;
}
}  // namespace

std::expected<EstimateCase, Error> parse_estimate_case(std::string_view json_text) {
  const json root = json::parse(json_text, nullptr, false);
  if (root.is_discarded()) return std::unexpected(invalid("the case is not valid JSON"));
  if (!root.is_object()) return std::unexpected(invalid("the case must be a JSON object"));
  for (const auto& [key, value] : root.items()) {
    if (key != "bills" && key != "history") {
      return std::unexpected(invalid(fmt::format("unknown key '{}' (expected bills, history)", key)));
    }
  }
  EstimateCase out;
  auto bills = root.find("bills");
  if (bills == root.end() || !bills->is_array()) {
    return std::unexpected(invalid("bills must be a list of settlement records"));
  }
  for (std::size_t i = 0; i < bills->size(); ++i) {
    auto bill = read_bill((*bills)[i]);
    if (!bill) return std::unexpected(invalid(fmt::format("bills[{}]: {}", i, bill.error())));
    out.bills.push_back(std::move(*bill));
  }
  if (auto history = root.find("history"); history != root.end()) {
    if (!history->is_array()) return std::unexpected(invalid("history must be a list"));
    if (history->size() > 10'000) return std::unexpected(invalid("history has too many entries"));
    for (std::size_t i = 0; i < history->size(); ++i) {
      auto h = read_history((*history)[i]);
      if (!h) return std::unexpected(invalid(fmt::format("history[{}]: {}", i, h.error())));
      out.history.push_back(std::move(*h));
    }
  }
  if (out.bills.size() > 10'000) return std::unexpected(invalid("the case has too many bills"));
  return out;
}

std::string estimate_to_json(const core::Estimate& estimate) {
  ordered_json plans = ordered_json::array();
  for (const auto& p : estimate.plans) {
    plans.push_back({{"plan", p.plan}, {"year", p.year}, {"eligible_fen", p.eligible_fen},
                     {"benefit_fen", p.benefit_fen}, {"explanation", p.explanation}});
  }
  ordered_json out = {{"plans", plans}, {"total_benefit_fen", estimate.total_benefit_fen}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kiosk::store
