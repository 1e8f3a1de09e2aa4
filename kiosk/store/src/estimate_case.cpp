#include "kiosk/store/estimate_case.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "kiosk/api/bill_json.h"
#include "kiosk/api/estimate_json.h"
#include "kiosk/core/rules.h"

namespace kiosk::store {
namespace {
using nlohmann::json;

Error invalid(std::string message) {
  return Error{Error::Kind::invalid, std::move(message), ""};
}

// A case's bill through the API's Bill codec. A case only needs what the rules read, so an
// absent institution is "" and an absent admitted date is the discharge date.
std::expected<core::Bill, std::string> read_bill(const json& j) {
  if (!j.is_object()) return std::unexpected(std::string("is not an object"));
  json complete = j;
  if (!complete.contains("institution")) complete["institution"] = "";
  if (!complete.contains("admitted") && complete.contains("discharged")) {
    complete["admitted"] = complete["discharged"];
  }
  auto bill = api::bill_from_json(complete);
  if (!bill) return std::unexpected(bill.error());
  if (auto ok = core::check_bill(*bill); !ok) return std::unexpected(ok.error());
  return bill;
}
}  // namespace

std::expected<EstimateCase, Error> parse_estimate_case(std::string_view json_text) {
  const json root = json::parse(json_text, nullptr, false);
  if (root.is_discarded()) return std::unexpected(invalid("the case is not valid JSON"));
  if (!root.is_object()) return std::unexpected(invalid("the case must be a JSON object"));
  for (const auto& [key, value] : root.items()) {
    if (key != "bills" && key != "history") {
      return std::unexpected(
          invalid(fmt::format("unknown key '{}' (expected bills, history)", key)));
    }
  }
  EstimateCase out;
  auto bills = root.find("bills");
  if (bills == root.end() || !bills->is_array()) {
    return std::unexpected(invalid("bills must be a list of settlement records"));
  }
  if (bills->size() > 10'000) return std::unexpected(invalid("the case has too many bills"));
  for (std::size_t i = 0; i < bills->size(); ++i) {
    auto bill = read_bill((*bills)[i]);
    if (!bill) return std::unexpected(invalid(fmt::format("bills[{}]: {}", i, bill.error())));
    out.bills.push_back(std::move(*bill));
  }
  if (auto history = root.find("history"); history != root.end()) {
    if (history->is_array() && history->size() > 10'000) {
      return std::unexpected(invalid("history has too many entries"));
    }
    auto read = api::history_from_json(*history);
    if (!read) return std::unexpected(invalid(read.error()));
    // One entry stands for one claim's figures here, so the rules' sums cannot overflow.
    for (std::size_t i = 0; i < read->size(); ++i) {
      const core::PlanHistory& h = (*read)[i];
      if (h.eligible_fen > core::kMaxAmountFen || h.benefit_fen > core::kMaxAmountFen) {
        return std::unexpected(invalid(
            fmt::format("history[{}]: amounts must be 0 to {} fen", i, core::kMaxAmountFen)));
      }
    }
    out.history = std::move(*read);
  }
  return out;
}

std::string estimate_to_json(const core::Estimate& estimate) {
  return api::estimate_to_json(estimate, api::EstimateFields::with_display)
      .dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kiosk::store
