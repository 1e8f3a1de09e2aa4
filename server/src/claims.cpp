#include "server/claims.h"

#include <fmt/core.h>

namespace server {

std::expected<void, std::string> check_claim_rules(const nlohmann::json& claim) {
  const auto& bills = claim.at("bills");
  for (std::size_t i = 0; i < bills.size(); ++i) {
    const auto& bill = bills[i];
    const auto total = bill.at("total_fen").get<std::int64_t>();
    for (const char* part : {"fund_paid_fen", "account_paid_fen", "cash_paid_fen",
                             "self_pay_full_fen"}) {
      if (bill.at(part).get<std::int64_t>() > total) {
        return std::unexpected(fmt::format("bills[{}].{} is larger than the bill's total_fen",
                                           i, part));
      }
    }
    if (bill.at("discharged").get<std::string>() < bill.at("admitted").get<std::string>()) {
      return std::unexpected(fmt::format("bills[{}] was discharged before it was admitted", i));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (bills[j].at("id") == bill.at("id")) {
        return std::unexpected(fmt::format("bills[{}] repeats settlement record {}", i,
                                           bill.at("id").get<std::string>()));
      }
    }
  }
  return {};
}

}  // namespace server
