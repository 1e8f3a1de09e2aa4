#pragma once
// What kiosk-central checks in a claim beyond the schema. A kiosk's numbers are claims to
// check, not facts: every amount is read with checked arithmetic, the member and each bill
// must be the server's own records with identical amounts and dates, and the estimate is
// computed again with the kiosk's own rules engine (kiosk::core::estimate_benefits) from the
// published rules and the history of the server's earlier results. The kiosk's estimate is
// compared and never stored.
#include <expected>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/bill.h"
#include "kiosk/core/estimate.h"
#include "kiosk/core/rules.h"

namespace server {

// What the server itself knows when a claim for one member arrives.
struct ClaimFacts {
  // The member's record as stored: {"member": {...}, "enrolments": [...], "bills": [...]}.
  // nullopt: no member with the claim's ID number.
  std::optional<nlohmann::json> member;
  // The published benefit rules (Config.benefit_rules); an error when none are usable.
  std::expected<kiosk::core::Rules, std::string> rules = std::unexpected(std::string("no rules"));
  // The server's own results of the member's earlier claims that are not rejected.
  std::vector<kiosk::core::PlanHistory> history;
  // Settlement record ids that earlier (not rejected) claims already used.
  std::set<std::string> claimed_bills;
};

struct CheckedClaim {
  std::vector<kiosk::core::Bill> bills;  // as the server's records hold them
  kiosk::core::Estimate estimate;        // the server's result: this is what is stored
  // Where the kiosk's estimate differs ("inpatient 2026 benefit_fen: kiosk 262501, server
  // 262500"): plan ids, years and amounts only, never personal data, so it may be logged.
  std::vector<std::string> estimate_differences;
};

// `claim` is any JSON value (the schema has usually been checked, but nothing here relies on
// it). The error is the reason returned with 422, in words the kiosk's staff can act on; it
// never repeats an ID, phone or bank number.
std::expected<CheckedClaim, std::string> check_claim(const nlohmann::json& claim,
                                                     const ClaimFacts& facts);

// An amount in fen: an integer in [0, kMaxAmountFen]. Refuses fractions, negative numbers and
// unsigned values above INT64_MAX, which nlohmann would otherwise wrap (2^64-1 reads as -1).
// `where` names the field in the message.
std::expected<kiosk::core::Fen, std::string> read_fen(const nlohmann::json& value,
                                                      const std::string& where);

// A settlement record from JSON (the Bill schema): real calendar dates, amounts in range,
// parts that fit the total, discharge not before admission.
std::expected<kiosk::core::Bill, std::string> read_bill(const nlohmann::json& value,
                                                        const std::string& where);

// Sums the server's per-claim results into the history a lookup reports, per plan and year,
// with checked additions. The error says which plan and year could not be summed.
std::expected<std::vector<kiosk::core::PlanHistory>, std::string> sum_history(
    const std::vector<kiosk::core::PlanHistory>& per_claim);

}  // namespace server
