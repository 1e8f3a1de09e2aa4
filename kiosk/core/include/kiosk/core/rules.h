#pragma once
// The mutual-aid benefit rules and the estimate they give for a claim. Pure: the rules come
// in as values (the TOML file is read by kiosk/store's rules_toml.h, not here).
//
// Semantics, per plan:
//  - a bill counts when its visit type is listed by the plan; one bill may count for several;
//  - its base is personal_total (cash + account paid) or personal_in_policy (that minus the
//    fully self-paid items, never below 0);
//  - the year is the discharge date's year; a plan's eligible amounts accumulate within a
//    year, starting from what earlier claims used (history);
//  - the deductible is taken from the cumulative eligible amount first; the rest falls into
//    the bands by cumulative position above the deductible;
//  - benefit = floor(sum of portion x rate_percent / 100) in fen, then cut so that the year's
//    benefits (history + this claim) do not exceed annual_cap_fen.
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kiosk/core/bill.h"
#include "kiosk/core/estimate.h"
#include "kiosk/core/money.h"

namespace kiosk::core {

enum class Base { personal_total, personal_in_policy };

struct Band {
  std::optional<Fen> up_to_fen;  // cumulative eligible amount above the deductible; none: no limit
  int rate_percent = 0;          // 0..100
  friend bool operator==(const Band&, const Band&) = default;
};

struct Plan {
  std::string id;    // "inpatient"
  std::string name;  // "住院医疗互助"
  std::vector<VisitType> visit_types;
  Base base = Base::personal_in_policy;
  Fen deductible_fen = 0;   // per calendar year
  Fen annual_cap_fen = 0;   // most the plan pays in a calendar year
  std::vector<Band> bands;  // in order; each up_to_fen above the previous one
  friend bool operator==(const Plan&, const Plan&) = default;
};

struct Rules {
  std::string version;  // free text from the file, shown to staff and stored with claims
  std::vector<Plan> plans;
  friend bool operator==(const Rules&, const Rules&) = default;
};

// Amounts above this (100 million yuan) are refused as input errors, so sums never overflow.
inline constexpr Fen kMaxAmountFen = 10'000'000'000;

// Unique non-empty plan ids, known visit types, amounts in [0, kMaxAmountFen], rates in
// [0, 100], band limits strictly increasing, only the last band without a limit. The message
// names the plan and the field.
std::expected<void, std::string> check_rules(const Rules& rules);

// Amounts in [0, kMaxAmountFen] and a valid discharge date; the message names the bill.
std::expected<void, std::string> check_bill(const Bill& bill);

std::string_view to_string(Base base);
std::optional<Base> parse_base(std::string_view text);

// The estimate for these bills, given what earlier claims used. Rules must pass check_rules
// and bills check_bill. Plans without a counting bill are left out.
Estimate estimate_benefits(const Rules& rules, std::span<const Bill> bills,
                           std::span<const PlanHistory> history);

}  // namespace kiosk::core
