#include "kiosk/api/rules_json.h"

#include <fmt/core.h>

#include "fields.h"

namespace kiosk::api {
using detail::Presence;
namespace {
using nlohmann::json;

std::expected<std::string, std::string> required_text(const json& object, const char* key) {
  auto value = detail::text(object, key, Presence::required);
  if (!value) return std::unexpected(value.error());
  return std::move(**value);
}

std::expected<core::Band, std::string> read_band(const json& value) {
  if (!value.is_object()) return std::unexpected(std::string("is not an object"));
  core::Band band;
  auto up_to = value.find("up_to_fen");
  if (up_to == value.end()) return std::unexpected(std::string("up_to_fen is missing"));
  if (!up_to->is_null()) {
    auto fen = detail::integer(value, "up_to_fen", 0, core::kMaxAmountFen);
    if (!fen) return std::unexpected(fen.error() + " (or null for no limit)");
    band.up_to_fen = *fen;
  }
  auto rate = detail::integer(value, "rate_percent", 0, 100);
  if (!rate) return std::unexpected(rate.error());
  band.rate_percent = static_cast<int>(*rate);
  return band;
}

// The message names the plan: by its id once it is known (as check_rules names it), by its
// place in the list before.
std::expected<core::Plan, std::string> read_plan(const json& value, std::size_t index) {
  if (!value.is_object()) return std::unexpected(detail::at("plans", index, "is not an object"));
  core::Plan plan;
  auto id = required_text(value, "id");
  if (!id) return std::unexpected(detail::at("plans", index, id.error()));
  plan.id = std::move(*id);
  auto fail = [&](const std::string& message) {
    return std::unexpected(plan.id.empty() ? detail::at("plans", index, message)
                                           : fmt::format("plan '{}': {}", plan.id, message));
  };
  auto name = required_text(value, "name");
  if (!name) return fail(name.error());
  plan.name = std::move(*name);
  auto types = value.find("visit_types");
  if (types == value.end() || !types->is_array()) return fail("visit_types must be a list");
  for (const auto& type : *types) {
    auto parsed = type.is_string() ? core::parse_visit_type(type.get<std::string>()) : std::nullopt;
    if (!parsed) {
      return fail(
          "visit_types may hold only \"inpatient\", \"outpatient_chronic\" and \"outpatient\"");
    }
    plan.visit_types.push_back(*parsed);
  }
  auto base_text = required_text(value, "base");
  if (!base_text) return fail(base_text.error());
  auto base = core::parse_base(*base_text);
  if (!base) return fail("base must be \"personal_total\" or \"personal_in_policy\"");
  plan.base = *base;
  auto deductible = detail::integer(value, "deductible_fen", 0, core::kMaxAmountFen);
  if (!deductible) return fail(deductible.error());
  plan.deductible_fen = *deductible;
  auto cap = detail::integer(value, "annual_cap_fen", 0, core::kMaxAmountFen);
  if (!cap) return fail(cap.error());
  plan.annual_cap_fen = *cap;
  auto bands = value.find("bands");
  if (bands == value.end() || !bands->is_array()) return fail("bands must be a list");
  for (std::size_t b = 0; b < bands->size(); ++b) {
    auto band = read_band((*bands)[b]);
    if (!band) return fail(detail::at("bands", b, band.error()));
    plan.bands.push_back(*band);
  }
  return plan;
}
}  // namespace

nlohmann::ordered_json rules_to_json(const core::Rules& rules) {
  using nlohmann::ordered_json;
  ordered_json plans = ordered_json::array();
  for (const core::Plan& plan : rules.plans) {
    ordered_json types = ordered_json::array();
    for (core::VisitType type : plan.visit_types) types.push_back(core::to_string(type));
    ordered_json bands = ordered_json::array();
    for (const core::Band& band : plan.bands) {
      bands.push_back(
          {{"up_to_fen", band.up_to_fen ? ordered_json(*band.up_to_fen) : ordered_json(nullptr)},
           {"rate_percent", band.rate_percent}});
    }
    plans.push_back({{"id", plan.id},
                     {"name", plan.name},
                     {"visit_types", std::move(types)},
                     {"base", core::to_string(plan.base)},
                     {"deductible_fen", plan.deductible_fen},
                     {"annual_cap_fen", plan.annual_cap_fen},
                     {"bands", std::move(bands)}});
  }
  return {{"version", rules.version}, {"plans", std::move(plans)}};
}

std::expected<core::Rules, std::string> rules_from_json(const nlohmann::json& value) {
  auto fail = [](const std::string& message) {
    return std::unexpected(fmt::format("benefit_rules: {}", message));
  };
  if (!value.is_object()) return fail("is not an object");
  core::Rules rules;
  auto version = required_text(value, "version");
  if (!version) return fail(version.error());
  rules.version = std::move(*version);
  auto plans = value.find("plans");
  if (plans == value.end() || !plans->is_array()) return fail("plans must be a list");
  for (std::size_t p = 0; p < plans->size(); ++p) {
    auto plan = read_plan((*plans)[p], p);
    if (!plan) return fail(plan.error());
    rules.plans.push_back(std::move(*plan));
  }
  if (auto ok = core::check_rules(rules); !ok) return fail(ok.error());
  return rules;
}

std::expected<core::Rules, std::string> rules_from_text(std::string_view text) {
  const auto value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return std::unexpected(std::string("benefit_rules: not valid JSON"));
  }
  return rules_from_json(value);
}

}  // namespace kiosk::api
