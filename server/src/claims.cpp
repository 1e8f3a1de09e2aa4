#include "server/claims.h"

#include <algorithm>
#include <map>

#include <fmt/core.h>

#include "kiosk/core/date.h"

namespace server {
namespace {
using nlohmann::json;
namespace core = kiosk::core;

// Earlier usage beyond this (10 trillion yuan) gives the same estimate as any larger figure
// (every band limit and cap is at most kMaxAmountFen), and keeps the engine's sums far from
// the int64 range however many claims a member has.
constexpr core::Fen kHistoryClamp = 1'000'000'000'000'000;

const json* member_of(const json& value, const char* key) {
  if (!value.is_object()) return nullptr;
  auto it = value.find(key);
  return it == value.end() ? nullptr : &*it;
}

std::expected<std::string, std::string> read_text(const json& object, const char* key,
                                                  const std::string& where) {
  const json* value = member_of(object, key);
  if (value == nullptr || !value->is_string() || value->get_ref<const std::string&>().empty()) {
    return std::unexpected(fmt::format("{}.{} must be non-empty text", where, key));
  }
  return value->get<std::string>();
}

std::expected<core::Date, std::string> read_date(const json& object, const char* key,
                                                 const std::string& where) {
  auto text = read_text(object, key, where);
  if (!text) return std::unexpected(text.error());
  auto date = core::parse_date(*text);
  if (!date) {
    return std::unexpected(fmt::format("{}.{} is not a real calendar date (YYYY-MM-DD): {}", where,
                                       key, date.error()));
  }
  return *date;
}

std::expected<core::Fen, std::string> read_fen_field(const json& object, const char* key,
                                                     const std::string& where) {
  const json* value = member_of(object, key);
  if (value == nullptr) return std::unexpected(fmt::format("{}.{} is missing", where, key));
  return read_fen(*value, fmt::format("{}.{}", where, key));
}

// A plan year as the estimate states it; unsigned values above INT64_MAX are not wrapped.
std::optional<int> read_year(const json& object) {
  const json* value = member_of(object, "year");
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  if (value->is_number_unsigned()) {
    const auto year = value->get<std::uint64_t>();
    return year <= 9999 ? std::optional<int>(static_cast<int>(year)) : std::nullopt;
  }
  const auto year = value->get<std::int64_t>();
  return year >= 0 && year <= 9999 ? std::optional<int>(static_cast<int>(year)) : std::nullopt;
}

// Names the first field where the kiosk's copy of a settlement record differs from ours.
std::optional<std::string> first_difference(const core::Bill& kiosk, const core::Bill& ours) {
  if (kiosk.institution != ours.institution) return "institution";
  if (kiosk.visit_type != ours.visit_type) return "visit_type";
  if (kiosk.admitted != ours.admitted) return "admitted";
  if (kiosk.discharged != ours.discharged) return "discharged";
  if (kiosk.total_fen != ours.total_fen) return "total_fen";
  if (kiosk.fund_paid_fen != ours.fund_paid_fen) return "fund_paid_fen";
  if (kiosk.account_paid_fen != ours.account_paid_fen) return "account_paid_fen";
  if (kiosk.cash_paid_fen != ours.cash_paid_fen) return "cash_paid_fen";
  if (kiosk.self_pay_full_fen != ours.self_pay_full_fen) return "self_pay_full_fen";
  return std::nullopt;
}

struct KioskPlan {
  core::Fen eligible_fen = 0;
  core::Fen benefit_fen = 0;
};

// The kiosk's estimate, read with the same checks as any amount; keyed by plan and year.
std::expected<std::map<std::pair<std::string, int>, KioskPlan>, std::string> read_kiosk_estimate(
    const json& estimate, core::Fen& total) {
  const json* plans = member_of(estimate, "plans");
  if (plans == nullptr || !plans->is_array()) {
    return std::unexpected(std::string("estimate.plans must be a list"));
  }
  auto total_fen = read_fen_field(estimate, "total_benefit_fen", "estimate");
  if (!total_fen) return std::unexpected(total_fen.error());
  total = *total_fen;
  std::map<std::pair<std::string, int>, KioskPlan> out;
  for (std::size_t i = 0; i < plans->size(); ++i) {
    const json& plan = (*plans)[i];
    const std::string where = fmt::format("estimate.plans[{}]", i);
    auto id = read_text(plan, "plan", where);
    if (!id) return std::unexpected(id.error());
    auto year = read_year(plan);
    if (!year) return std::unexpected(fmt::format("{}.year must be a year such as 2026", where));
    auto eligible = read_fen_field(plan, "eligible_fen", where);
    if (!eligible) return std::unexpected(eligible.error());
    auto benefit = read_fen_field(plan, "benefit_fen", where);
    if (!benefit) return std::unexpected(benefit.error());
    if (!out.emplace(std::pair{*id, *year}, KioskPlan{*eligible, *benefit}).second) {
      return std::unexpected(fmt::format("{} repeats plan {} for {}", where, *id, *year));
    }
  }
  return out;
}

std::vector<std::string> compare_estimates(
    const std::map<std::pair<std::string, int>, KioskPlan>& kiosk, core::Fen kiosk_total,
    const core::Estimate& ours) {
  std::vector<std::string> out;
  std::set<std::pair<std::string, int>> seen;
  for (const auto& plan : ours.plans) {
    const std::pair key{plan.plan, plan.year};
    seen.insert(key);
    auto it = kiosk.find(key);
    if (it == kiosk.end()) {
      out.push_back(
          fmt::format("plan {} {}: missing from the kiosk's estimate", plan.plan, plan.year));
      continue;
    }
    if (it->second.eligible_fen != plan.eligible_fen) {
      out.push_back(fmt::format("plan {} {} eligible_fen: kiosk {}, server {}", plan.plan,
                                plan.year, it->second.eligible_fen, plan.eligible_fen));
    }
    if (it->second.benefit_fen != plan.benefit_fen) {
      out.push_back(fmt::format("plan {} {} benefit_fen: kiosk {}, server {}", plan.plan, plan.year,
                                it->second.benefit_fen, plan.benefit_fen));
    }
  }
  for (const auto& [key, plan] : kiosk) {
    if (!seen.contains(key)) {
      out.push_back(fmt::format("plan {} {}: in the kiosk's estimate, not in the server's",
                                key.first, key.second));
    }
  }
  if (kiosk_total != ours.total_benefit_fen) {
    out.push_back(
        fmt::format("total_benefit_fen: kiosk {}, server {}", kiosk_total, ours.total_benefit_fen));
  }
  return out;
}
}  // namespace

std::expected<core::Fen, std::string> read_fen(const json& value, const std::string& where) {
  const auto too_large = [&](auto amount) {
    return std::unexpected(
        fmt::format("{} is {} fen; at most {} fen (100 million yuan) is accepted", where, amount,
                    core::kMaxAmountFen));
  };
  if (value.is_number_unsigned()) {
    const auto amount = value.get<std::uint64_t>();
    if (amount > static_cast<std::uint64_t>(core::kMaxAmountFen)) return too_large(amount);
    return static_cast<core::Fen>(amount);
  }
  if (value.is_number_integer()) {
    const auto amount = value.get<std::int64_t>();
    if (amount < 0) return std::unexpected(fmt::format("{} is negative", where));
    if (amount > core::kMaxAmountFen) return too_large(amount);
    return amount;
  }
  if (value.is_number_float()) {
    return std::unexpected(
        fmt::format("{} must be a whole number of fen, not a fraction or an "
                    "exponent",
                    where));
  }
  return std::unexpected(fmt::format("{} must be a whole number of fen", where));
}

std::expected<core::Bill, std::string> read_bill(const json& value, const std::string& where) {
  if (!value.is_object()) return std::unexpected(fmt::format("{} is not an object", where));
  core::Bill bill;
  auto id = read_text(value, "id", where);
  if (!id) return std::unexpected(id.error());
  bill.id = *id;
  auto institution = read_text(value, "institution", where);
  if (!institution) return std::unexpected(institution.error());
  bill.institution = *institution;
  auto visit = read_text(value, "visit_type", where);
  if (!visit) return std::unexpected(visit.error());
  auto type = core::parse_visit_type(*visit);
  if (!type) {
    return std::unexpected(
        fmt::format("{}.visit_type must be inpatient, outpatient_chronic or outpatient", where));
  }
  bill.visit_type = *type;
  auto admitted = read_date(value, "admitted", where);
  if (!admitted) return std::unexpected(admitted.error());
  auto discharged = read_date(value, "discharged", where);
  if (!discharged) return std::unexpected(discharged.error());
  bill.admitted = *admitted;
  bill.discharged = *discharged;
  if (bill.discharged < bill.admitted) {
    return std::unexpected(fmt::format("{} was discharged before it was admitted", where));
  }
  for (auto [key, target] :
       {std::pair{"total_fen", &bill.total_fen}, std::pair{"fund_paid_fen", &bill.fund_paid_fen},
        std::pair{"account_paid_fen", &bill.account_paid_fen},
        std::pair{"cash_paid_fen", &bill.cash_paid_fen},
        std::pair{"self_pay_full_fen", &bill.self_pay_full_fen}}) {
    auto fen = read_fen_field(value, key, where);
    if (!fen) return std::unexpected(fen.error());
    *target = *fen;
  }
  for (auto [key, part] : {std::pair{"fund_paid_fen", bill.fund_paid_fen},
                           std::pair{"account_paid_fen", bill.account_paid_fen},
                           std::pair{"cash_paid_fen", bill.cash_paid_fen},
                           std::pair{"self_pay_full_fen", bill.self_pay_full_fen}}) {
    if (part > bill.total_fen) {
      return std::unexpected(fmt::format("{}.{} is larger than the bill's total_fen", where, key));
    }
  }
  // Each part is at most kMaxAmountFen, so this sum stays far inside int64.
  if (bill.fund_paid_fen + bill.account_paid_fen + bill.cash_paid_fen > bill.total_fen) {
    return std::unexpected(fmt::format(
        "{}: fund_paid_fen + account_paid_fen + cash_paid_fen is larger than total_fen", where));
  }
  return bill;
}

std::expected<std::vector<core::PlanHistory>, std::string> sum_history(
    const std::vector<core::PlanHistory>& per_claim) {
  std::map<std::pair<std::string, int>, core::PlanHistory> sums;
  for (const auto& used : per_claim) {
    auto& sum = sums[{used.plan, used.year}];
    sum.plan = used.plan;
    sum.year = used.year;
    if (used.eligible_fen < 0 || used.benefit_fen < 0 ||
        __builtin_add_overflow(sum.eligible_fen, used.eligible_fen, &sum.eligible_fen) ||
        __builtin_add_overflow(sum.benefit_fen, used.benefit_fen, &sum.benefit_fen)) {
      return std::unexpected(
          fmt::format("the earlier claims of plan {} in {} do not sum to an amount in range",
                      used.plan, used.year));
    }
  }
  std::vector<core::PlanHistory> out;
  for (auto& [key, sum] : sums) out.push_back(std::move(sum));
  return out;
}

std::expected<CheckedClaim, std::string> check_claim(const json& claim, const ClaimFacts& facts) {
  if (!claim.is_object()) return std::unexpected(std::string("the claim is not a JSON object"));
  const json* member = member_of(claim, "member");
  if (member == nullptr || !member->is_object() || !read_text(*member, "id_number", "member")) {
    return std::unexpected(std::string("member.id_number is missing"));
  }
  if (!facts.member) {
    return std::unexpected(std::string(
        "the union has no member with this ID number; look the card up again, or send the "
        "person to the union office"));
  }
  if (!facts.rules) {
    return std::unexpected(
        fmt::format("the server has no usable benefit rules: {}", facts.rules.error()));
  }

  const json* bills = member_of(claim, "bills");
  if (bills == nullptr || !bills->is_array() || bills->empty()) {
    return std::unexpected(std::string("bills must list at least one settlement record"));
  }
  const json* records = member_of(*facts.member, "bills");
  CheckedClaim out;
  for (std::size_t i = 0; i < bills->size(); ++i) {
    const std::string where = fmt::format("bills[{}]", i);
    auto bill = read_bill((*bills)[i], where);
    if (!bill) return std::unexpected(bill.error());
    for (const auto& earlier : out.bills) {
      if (earlier.id == bill->id) {
        return std::unexpected(fmt::format("{} repeats settlement record {}", where, bill->id));
      }
    }
    std::optional<core::Bill> ours;
    if (records != nullptr && records->is_array()) {
      for (const json& record : *records) {
        const json* id = member_of(record, "id");
        if (id != nullptr && id->is_string() && id->get_ref<const std::string&>() == bill->id) {
          auto parsed = read_bill(record, "the union's record");
          if (!parsed) return std::unexpected(parsed.error());
          ours = std::move(*parsed);
          break;
        }
      }
    }
    if (!ours) {
      return std::unexpected(fmt::format(
          "{}: settlement record {} is not one of this member's records; look the member up "
          "again and choose from the records shown",
          where, bill->id));
    }
    if (auto field = first_difference(*bill, *ours)) {
      return std::unexpected(fmt::format(
          "{}.{} differs from settlement record {} as the union holds it; look the member up "
          "again so the kiosk shows the current record",
          where, *field, bill->id));
    }
    if (facts.claimed_bills.contains(bill->id)) {
      return std::unexpected(fmt::format(
          "{}: settlement record {} was already claimed by an earlier claim", where, bill->id));
    }
    out.bills.push_back(std::move(*ours));
  }

  const json* estimate = member_of(claim, "estimate");
  if (estimate == nullptr || !estimate->is_object()) {
    return std::unexpected(std::string("estimate is missing"));
  }
  core::Fen kiosk_total = 0;
  auto kiosk = read_kiosk_estimate(*estimate, kiosk_total);
  if (!kiosk) return std::unexpected(kiosk.error());

  // One entry per plan and year, each clamped: the engine adds the entries up itself.
  std::map<std::pair<std::string, int>, core::PlanHistory> merged;
  for (const auto& used : facts.history) {
    auto& sum = merged[{used.plan, used.year}];
    sum.plan = used.plan;
    sum.year = used.year;
    sum.eligible_fen =
        std::min(kHistoryClamp,
                 sum.eligible_fen + std::clamp<core::Fen>(used.eligible_fen, 0, kHistoryClamp));
    sum.benefit_fen = std::min(
        kHistoryClamp, sum.benefit_fen + std::clamp<core::Fen>(used.benefit_fen, 0, kHistoryClamp));
  }
  std::vector<core::PlanHistory> history;
  for (auto& [key, sum] : merged) history.push_back(std::move(sum));
  out.estimate = core::estimate_benefits(*facts.rules, out.bills, history);
  out.estimate_differences = compare_estimates(*kiosk, kiosk_total, out.estimate);
  return out;
}

}  // namespace server
