#pragma once
// What the benefit rules expect a claim to pay, per plan and calendar year, with the lines
// that explain the figure on the screen and on the receipt. Plain values.
#include <string>
#include <vector>

#include "kiosk/core/money.h"

namespace kiosk::core {

struct PlanEstimate {
  std::string plan;      // plan id from the rules ("inpatient")
  std::string plan_name; // display name from the rules ("住院医疗互助")
  int year = 0;          // calendar year of the bills' discharge dates
  Fen eligible_fen = 0;  // sum of the bills' bases for this plan and year (this claim only)
  Fen benefit_fen = 0;   // expected payment for this plan and year (this claim only)
  std::vector<std::string> explanation;  // zh-CN lines: deductible, band portions, cap
  friend bool operator==(const PlanEstimate&, const PlanEstimate&) = default;
};

struct Estimate {
  std::vector<PlanEstimate> plans;  // in the rules' plan order, then by year
  Fen total_benefit_fen = 0;
  friend bool operator==(const Estimate&, const Estimate&) = default;
};

// What earlier claims already used of a plan in a year (from the server or the local store).
struct PlanHistory {
  std::string plan;
  int year = 0;
  Fen eligible_fen = 0;
  Fen benefit_fen = 0;
  friend bool operator==(const PlanHistory&, const PlanHistory&) = default;
};

}  // namespace kiosk::core
