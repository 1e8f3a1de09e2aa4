#include "kiosk/api/estimate_json.h"

#include <cstdint>
#include <limits>

#include "fields.h"
#include "kiosk/core/rules.h"

namespace kiosk::api {
using detail::Presence;
namespace {
// Sums over many claims (the contract's FenSum) are not bounded by one amount's limit.
constexpr std::int64_t kMaxSum = std::numeric_limits<std::int64_t>::max();
}  // namespace

nlohmann::ordered_json estimate_to_json(const core::Estimate& estimate, EstimateFields fields) {
  nlohmann::ordered_json plans = nlohmann::ordered_json::array();
  for (const core::PlanEstimate& p : estimate.plans) {
    nlohmann::ordered_json plan = {{"plan", p.plan},
                                   {"year", p.year},
                                   {"eligible_fen", p.eligible_fen},
                                   {"benefit_fen", p.benefit_fen}};
    if (fields == EstimateFields::with_display) {
      plan["plan_name"] = p.plan_name;
      plan["explanation"] = p.explanation;
    }
    plans.push_back(std::move(plan));
  }
  return {{"total_benefit_fen", estimate.total_benefit_fen}, {"plans", std::move(plans)}};
}

std::expected<core::Estimate, std::string> estimate_from_json(const nlohmann::json& value) {
  if (!value.is_object()) return std::unexpected(std::string("the estimate is not an object"));
  core::Estimate estimate;
  auto total = detail::integer(value, "total_benefit_fen", 0, kMaxSum);
  if (!total) return std::unexpected(total.error());
  estimate.total_benefit_fen = *total;
  auto plans = value.find("plans");
  if (plans == value.end() || !plans->is_array()) {
    return std::unexpected(std::string("plans must be a list"));
  }
  for (std::size_t i = 0; i < plans->size(); ++i) {
    const auto& p = (*plans)[i];
    auto fail = [&](const std::string& message) {
      return std::unexpected(detail::at("plans", i, message));
    };
    if (!p.is_object()) return fail("is not an object");
    core::PlanEstimate plan;
    auto id = detail::text(p, "plan", Presence::required);
    if (!id) return fail(id.error());
    plan.plan = **id;
    auto year = detail::integer(p, "year", detail::kMinYear, detail::kMaxYear);
    if (!year) return fail(year.error());
    plan.year = static_cast<int>(*year);
    auto eligible = detail::integer(p, "eligible_fen", 0, kMaxSum);
    if (!eligible) return fail(eligible.error());
    plan.eligible_fen = *eligible;
    auto benefit = detail::integer(p, "benefit_fen", 0, kMaxSum);
    if (!benefit) return fail(benefit.error());
    plan.benefit_fen = *benefit;
    auto name = detail::text(p, "plan_name", Presence::optional);
    if (!name) return fail(name.error());
    plan.plan_name = name->value_or("");
    if (auto lines = p.find("explanation"); lines != p.end()) {
      if (!lines->is_array()) return fail("explanation must be a list of lines");
      for (const auto& line : *lines) {
        if (!line.is_string()) return fail("explanation must be a list of lines");
        plan.explanation.push_back(line.get<std::string>());
      }
    }
    estimate.plans.push_back(std::move(plan));
  }
  return estimate;
}

nlohmann::ordered_json plan_usage_to_json(const core::PlanHistory& usage) {
  return {{"plan", usage.plan},
          {"year", usage.year},
          {"eligible_fen", usage.eligible_fen},
          {"benefit_fen", usage.benefit_fen}};
}

std::expected<core::PlanHistory, std::string> plan_usage_from_json(const nlohmann::json& value) {
  if (!value.is_object()) return std::unexpected(std::string("is not an object"));
  core::PlanHistory usage;
  auto plan = detail::text(value, "plan", Presence::required);
  if (!plan) return std::unexpected(plan.error());
  usage.plan = **plan;
  auto year = detail::integer(value, "year", detail::kMinYear, detail::kMaxYear);
  if (!year) return std::unexpected(year.error());
  usage.year = static_cast<int>(*year);
  auto eligible = detail::integer(value, "eligible_fen", 0, kMaxSum);
  if (!eligible) return std::unexpected(eligible.error());
  usage.eligible_fen = *eligible;
  auto benefit = detail::integer(value, "benefit_fen", 0, kMaxSum);
  if (!benefit) return std::unexpected(benefit.error());
  usage.benefit_fen = *benefit;
  return usage;
}

std::expected<std::vector<core::PlanHistory>, std::string> history_from_json(
    const nlohmann::json& value) {
  if (!value.is_array()) return std::unexpected(std::string("history must be a list"));
  std::vector<core::PlanHistory> history;
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto usage = plan_usage_from_json(value[i]);
    if (!usage) return std::unexpected(detail::at("history", i, usage.error()));
    history.push_back(std::move(*usage));
  }
  return history;
}

}  // namespace kiosk::api
