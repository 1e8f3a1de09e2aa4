#pragma once
// The Bill shape of the API contract (deploy/api/schemas.json, Bill): one settlement record.
// The lookup reply carries bills so, the claim request sends them so, the store keeps them so
// (encrypted) and kiosk-central's demo data serves them so. Readers accept any JSON and never
// throw; their message names the field.
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/bill.h"

namespace kiosk::api {

// Every field, in the schema's order.
nlohmann::ordered_json bill_to_json(const core::Bill& bill);
// Every field required; dates are calendar dates, amounts whole fen in [0, kMaxAmountFen].
std::expected<core::Bill, std::string> bill_from_json(const nlohmann::json& value);

// A JSON array of bills as text (invalid UTF-8 replaced, so the text always exists).
std::string bills_to_text(std::span<const core::Bill> bills);
// The message names the bill: "bills[2]: cash_paid_fen is missing".
std::expected<std::vector<core::Bill>, std::string> bills_from_json(const nlohmann::json& value);
std::expected<std::vector<core::Bill>, std::string> bills_from_text(std::string_view text);

}  // namespace kiosk::api
