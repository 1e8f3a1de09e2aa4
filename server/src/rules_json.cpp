#include "server/rules_json.h"

#include <fmt/core.h>

#include "server/claims.h"

namespace server {
namespace {
using nlohmann::json;
namespace core = kiosk::core;

std::expected<std::string, std::string> read_text(const json& object, const char* key,
                                                  const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return std::unexpected(fmt::format("{}: {} must be text", where, key));
  }
  return it->get<std::string>();
}

std::expected<core::Plan, std::string> read_plan(const json& value, std::size_t index) {
  std::string where = fmt::format("benefit_rules.plans[{}]", index);
  if (!value.is_object()) return std::unexpected(fmt::format("{} is not an object", where));
  core::Plan plan;
  auto id = read_text(value, "id", where);
  if (!id) return std::unexpected(id.error());
  plan.id = *id;
  where = fmt::format("plan '{}'", plan.id);
  auto name = read_text(value, "name", where);
  auto base = read_text(value, "base", where);
  if (!name) return std::unexpected(name.error());
  if (!base) return std::unexpected(base.error());
  plan.name = *name;
  auto parsed_base = core::parse_base(*base);
  if (!parsed_base) {
    return std::unexpected(
        fmt::format("{}: base must be personal_total or personal_in_policy", where));
  }
  plan.base = *parsed_base;
  auto types = value.find("visit_types");
  if (types == value.end() || !types->is_array()) {
    return std::unexpected(fmt::format("{}: visit_types must be a list", where));
  }
  for (const auto& type : *types) {
    auto parsed = type.is_string() ? core::parse_visit_type(type.get<std::string>()) : std::nullopt;
    if (!parsed)
      return std::unexpected(fmt::format("{}: unknown visit type in visit_types", where));
    plan.visit_types.push_back(*parsed);
  }
  for (auto [key, target] : {std::pair{"deductible_fen", &plan.deductible_fen},
                             std::pair{"annual_cap_fen", &plan.annual_cap_fen}}) {
    auto it = value.find(key);
    auto fen = it == value.end() ? std::unexpected(fmt::format("{}: {} is missing", where, key))
                                 : read_fen(*it, fmt::format("{}: {}", where, key));
    if (!fen) return std::unexpected(fen.error());
    *target = *fen;
  }
  auto bands = value.find("bands");
  if (bands == value.end() || !bands->is_array()) {
    return std::unexpected(fmt::format("{}: bands must be a list", where));
  }
  for (std::size_t b = 0; b < bands->size(); ++b) {
    const json& band = (*bands)[b];
    const std::string at = fmt::format("{}: band {}", where, b + 1);
    if (!band.is_object()) return std::unexpected(fmt::format("{} is not an object", at));
    core::Band out;
    if (auto up = band.find("up_to_fen"); up != band.end() && !up->is_null()) {
      auto fen = read_fen(*up, at + " up_to_fen");
      if (!fen) return std::unexpected(fen.error());
      out.up_to_fen = *fen;
    }
    auto rate = band.find("rate_percent");
    const bool whole = rate != band.end() && rate->is_number_integer();
    // An unsigned value above INT64_MAX must not be read as a negative one.
    const bool in_range =
        whole && (rate->is_number_unsigned()
                      ? rate->get<std::uint64_t>() <= 100
                      : rate->get<std::int64_t>() >= 0 && rate->get<std::int64_t>() <= 100);
    if (!in_range) {
      return std::unexpected(fmt::format("{}: rate_percent must be a whole number 0 to 100", at));
    }
    out.rate_percent = static_cast<int>(rate->get<std::int64_t>());
    plan.bands.push_back(out);
  }
  return plan;
}
}  // namespace

std::expected<core::Rules, std::string> rules_from_json(const json& rules) {
  if (!rules.is_object()) return std::unexpected(std::string("benefit_rules is not an object"));
  core::Rules out;
  auto version = read_text(rules, "version", "benefit_rules");
  if (!version) return std::unexpected(version.error());
  out.version = *version;
  auto plans = rules.find("plans");
  if (plans == rules.end() || !plans->is_array()) {
    return std::unexpected(std::string("benefit_rules: plans must be a list"));
  }
  for (std::size_t p = 0; p < plans->size(); ++p) {
    auto plan = read_plan((*plans)[p], p);
    if (!plan) return std::unexpected(plan.error());
    out.plans.push_back(std::move(*plan));
  }
  if (auto ok = core::check_rules(out); !ok) {
    return std::unexpected(fmt::format("benefit_rules: {}", ok.error()));
  }
  return out;
}

}  // namespace server
