#include "kiosk/core/rules.h"

#include <algorithm>
#include <set>

#include <fmt/core.h>

namespace kiosk::core {
namespace {
bool amount_ok(Fen fen) { return fen >= 0 && fen <= kMaxAmountFen; }

Fen base_of(const Plan& plan, const Bill& bill) {
  return plan.base == Base::personal_total ? std::max<Fen>(0, personal_total(bill))
                                           : personal_in_policy(bill);
}

std::string band_label(std::size_t index, Fen lower, const Band& band) {
  if (band.up_to_fen) {
    return fmt::format("第 {} 档（起付线以上累计 {} 至 {} 元，{}%）", index + 1, format_yuan(lower),
                       format_yuan(*band.up_to_fen), band.rate_percent);
  }
  return fmt::format("第 {} 档（起付线以上累计 {} 元以上，{}%）", index + 1, format_yuan(lower),
                     band.rate_percent);
}

// One plan, one year: the cumulative range [before, before + eligible) of this claim.
PlanEstimate estimate_year(const Plan& plan, int year, Fen eligible, Fen history_eligible,
                           Fen history_benefit) {
  PlanEstimate out{plan.id, plan.name, year, eligible, 0, {}};
  auto& lines = out.explanation;
  const Fen start = history_eligible;
  const Fen end = history_eligible + eligible;
  lines.push_back(fmt::format("{} 年{}：本次计入 {} 元（此前已计入 {} 元）", year, plan.name,
                              format_yuan(eligible), format_yuan(history_eligible)));

  const Fen d = plan.deductible_fen;
  const Fen deductible_used = std::min(end, d) - std::min(start, d);
  if (d > 0) {
    if (start >= d) {
      lines.push_back(fmt::format("起付线 {} 元：此前已扣满", format_yuan(d)));
    } else {
      lines.push_back(fmt::format("起付线 {} 元：本次扣除 {} 元", format_yuan(d),
                                  format_yuan(deductible_used)));
    }
  }

  const Fen above_start = std::max<Fen>(0, start - d);
  const Fen above_end = std::max<Fen>(0, end - d);
  Fen lower = 0;
  Fen weighted = 0;  // sum of portion x rate_percent; < 2^63 because amounts are bounded
  bool beyond_last = true;
  for (std::size_t i = 0; i < plan.bands.size(); ++i) {
    const Band& band = plan.bands[i];
    const Fen upper = band.up_to_fen.value_or(above_end > lower ? above_end : lower);
    const Fen portion = std::max<Fen>(0, std::min(above_end, upper) - std::max(above_start, lower));
    if (portion > 0) {
      weighted += portion * band.rate_percent;
      lines.push_back(fmt::format("{}：{} 元 × {}%", band_label(i, lower, band),
                                  format_yuan(portion), band.rate_percent));
    }
    if (!band.up_to_fen) {
      beyond_last = false;
      break;
    }
    lower = upper;
  }
  if (beyond_last && above_end > lower) {
    lines.push_back(fmt::format("超过最高档 {} 元的部分：{} 元，不予支付", format_yuan(lower),
                                format_yuan(above_end - std::max(above_start, lower))));
  }

  const Fen computed = weighted / 100;
  const Fen cap_left = std::max<Fen>(0, plan.annual_cap_fen - history_benefit);
  out.benefit_fen = std::min(computed, cap_left);
  if (computed > cap_left) {
    lines.push_back(fmt::format("年度封顶 {} 元（此前已支付 {} 元）：按规则计算 {} 元，核减 {} 元",
                                format_yuan(plan.annual_cap_fen), format_yuan(history_benefit),
                                format_yuan(computed), format_yuan(computed - cap_left)));
  }
  lines.push_back(fmt::format("预计互助金 {} 元", format_yuan(out.benefit_fen)));
  return out;
}
}  // namespace

std::string_view to_string(Base base) {
  return base == Base::personal_total ? "personal_total" : "personal_in_policy";
}

std::optional<Base> parse_base(std::string_view text) {
  if (text == "personal_total") return Base::personal_total;
  if (text == "personal_in_policy") return Base::personal_in_policy;
  return std::nullopt;
}

std::expected<void, std::string> check_rules(const Rules& rules) {
  if (rules.plans.empty()) return std::unexpected(std::string("the rules define no plan"));
  std::set<std::string> ids;
  for (std::size_t p = 0; p < rules.plans.size(); ++p) {
    const Plan& plan = rules.plans[p];
    const std::string where =
        plan.id.empty() ? fmt::format("plan #{}", p + 1) : fmt::format("plan '{}'", plan.id);
    auto fail = [&](std::string what) {
      return std::unexpected(fmt::format("{}: {}", where, what));
    };
    if (plan.id.empty()) return fail("id is empty");
    if (!ids.insert(plan.id).second) return fail("id is used by an earlier plan too");
    if (plan.visit_types.empty()) return fail("visit_types lists no visit type");
    if (!amount_ok(plan.deductible_fen)) return fail("deductible_fen is negative or too large");
    if (!amount_ok(plan.annual_cap_fen)) return fail("annual_cap_fen is negative or too large");
    if (plan.bands.empty()) return fail("has no [[plan.band]]");
    Fen previous = 0;
    for (std::size_t b = 0; b < plan.bands.size(); ++b) {
      const Band& band = plan.bands[b];
      if (band.rate_percent < 0 || band.rate_percent > 100) {
        return fail(fmt::format("band {}: rate_percent must be 0 to 100", b + 1));
      }
      if (!band.up_to_fen) {
        if (b + 1 != plan.bands.size()) {
          return fail(fmt::format("band {} has no up_to_fen but is not the last band", b + 1));
        }
        continue;
      }
      if (!amount_ok(*band.up_to_fen) || *band.up_to_fen <= previous) {
        return fail(fmt::format("band {}: up_to_fen must be above the previous band's limit "
                                "and at most {}", b + 1, kMaxAmountFen));
      }
      previous = *band.up_to_fen;
    }
  }
  return {};
}

std::expected<void, std::string> check_bill(const Bill& bill) {
  auto fail = [&](std::string_view field) {
    return std::unexpected(fmt::format("bill '{}': {} must be 0 to {} fen", bill.id, field,
                                       kMaxAmountFen));
  };
  if (!amount_ok(bill.total_fen)) return fail("total_fen");
  if (!amount_ok(bill.fund_paid_fen)) return fail("fund_paid_fen");
  if (!amount_ok(bill.account_paid_fen)) return fail("account_paid_fen");
  if (!amount_ok(bill.cash_paid_fen)) return fail("cash_paid_fen");
  if (!amount_ok(bill.self_pay_full_fen)) return fail("self_pay_full_fen");
  if (!bill.discharged.ok()) {
    return std::unexpected(fmt::format("bill '{}': discharged is not a calendar date", bill.id));
  }
  return {};
}

Estimate estimate_benefits(const Rules& rules, std::span<const Bill> bills,
                           std::span<const PlanHistory> history) {
  Estimate estimate;
  for (const Plan& plan : rules.plans) {
    std::set<int> years;
    for (const Bill& bill : bills) {
      if (std::ranges::find(plan.visit_types, bill.visit_type) != plan.visit_types.end()) {
        years.insert(static_cast<int>(bill.discharged.year()));
      }
    }
    for (int year : years) {
      Fen eligible = 0;
      for (const Bill& bill : bills) {
        if (static_cast<int>(bill.discharged.year()) == year &&
            std::ranges::find(plan.visit_types, bill.visit_type) != plan.visit_types.end()) {
          eligible += base_of(plan, bill);
        }
      }
      Fen used_eligible = 0;
      Fen used_benefit = 0;
      for (const PlanHistory& h : history) {
        if (h.plan == plan.id && h.year == year) {
          used_eligible += std::max<Fen>(0, h.eligible_fen);
          used_benefit += std::max<Fen>(0, h.benefit_fen);
        }
      }
      estimate.plans.push_back(estimate_year(plan, year, eligible, used_eligible, used_benefit));
      estimate.total_benefit_fen += estimate.plans.back().benefit_fen;
    }
  }
  return estimate;
}

}  // namespace kiosk::core
