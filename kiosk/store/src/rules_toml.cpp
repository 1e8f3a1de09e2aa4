#include "kiosk/store/rules_toml.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/core.h>
#include <toml++/toml.h>

#include "toml_guard.h"

namespace kiosk::store {
namespace {
Error invalid(std::string_view source, std::string message) {
  return Error{Error::Kind::invalid, fmt::format("{}: {}", source, message), ""};
}

std::expected<void, std::string> only_keys(const toml::table& table,
                                           std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : table) {
    if (std::ranges::find(known, key.str()) == known.end()) {
      return std::unexpected(fmt::format("unknown key '{}'", key.str()));
    }
  }
  return {};
}

enum class Presence {
  required,
  optional,  // absent: -1 (the band without an upper limit)
};

std::expected<core::Fen, std::string> amount(const toml::table& table, std::string_view key,
                                             Presence presence) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (presence == Presence::required) return std::unexpected(fmt::format("{} is missing", key));
    return core::Fen{-1};
  }
  auto value = node->value_exact<std::int64_t>();
  if (!value) return std::unexpected(fmt::format("{} must be a whole number of fen", key));
  return *value;
}

std::expected<core::Plan, std::string> read_plan(const toml::table& t) {
  if (auto ok = only_keys(
          t, {"id", "name", "visit_types", "base", "deductible_fen", "annual_cap_fen", "band"});
      !ok) {
    return std::unexpected(ok.error());
  }
  core::Plan plan;
  auto id = t["id"].value_exact<std::string>();
  if (!id) return std::unexpected(std::string("id is missing or not a string"));
  plan.id = *id;
  plan.name = t["name"].value_exact<std::string>().value_or(plan.id);
  const auto* types = t["visit_types"].as_array();
  if (types == nullptr) return std::unexpected(std::string("visit_types must be a list"));
  for (const auto& node : *types) {
    auto text = node.value_exact<std::string>();
    auto type = text ? core::parse_visit_type(*text) : std::nullopt;
    if (!type) {
      return std::unexpected(std::string(
          "visit_types may list only \"inpatient\", \"outpatient_chronic\", \"outpatient\""));
    }
    plan.visit_types.push_back(*type);
  }
  auto base_text = t["base"].value_exact<std::string>();
  auto base = base_text ? core::parse_base(*base_text) : std::nullopt;
  if (!base) {
    return std::unexpected(
        std::string("base must be \"personal_in_policy\" or \"personal_total\""));
  }
  plan.base = *base;
  auto deductible = amount(t, "deductible_fen", Presence::required);
  if (!deductible) return std::unexpected(deductible.error());
  plan.deductible_fen = *deductible;
  auto cap = amount(t, "annual_cap_fen", Presence::required);
  if (!cap) return std::unexpected(cap.error());
  plan.annual_cap_fen = *cap;
  const auto* bands = t["band"].as_array();
  if (bands == nullptr) return std::unexpected(std::string("needs at least one [[plan.band]]"));
  for (std::size_t i = 0; i < bands->size(); ++i) {
    const auto* band_table = (*bands)[i].as_table();
    if (band_table == nullptr) return std::unexpected(fmt::format("band {} is not a table", i + 1));
    if (auto ok = only_keys(*band_table, {"up_to_fen", "rate_percent"}); !ok) {
      return std::unexpected(fmt::format("band {}: {}", i + 1, ok.error()));
    }
    core::Band band;
    auto up_to = amount(*band_table, "up_to_fen", Presence::optional);
    if (!up_to) return std::unexpected(fmt::format("band {}: {}", i + 1, up_to.error()));
    if (band_table->contains("up_to_fen")) band.up_to_fen = *up_to;
    auto rate = (*band_table)["rate_percent"].value_exact<std::int64_t>();
    if (!rate || *rate < 0 || *rate > 100) {
      return std::unexpected(
          fmt::format("band {}: rate_percent must be a whole number 0 to 100", i + 1));
    }
    band.rate_percent = static_cast<int>(*rate);
    plan.bands.push_back(band);
  }
  return plan;
}
}  // namespace

std::expected<core::Rules, Error> parse_rules_toml(std::string_view text, std::string_view source) {
  if (auto unsafe = unsafe_toml_character(text)) return std::unexpected(invalid(source, *unsafe));
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return std::unexpected(invalid(
        source, fmt::format("line {}, column {}: {}", where.line, where.column, e.description())));
  }
  if (auto ok = only_keys(root, {"version", "plan"}); !ok) {
    return std::unexpected(invalid(source, ok.error()));
  }
  core::Rules rules;
  rules.version = root["version"].value_exact<std::string>().value_or("");
  const auto* plans = root["plan"].as_array();
  if (plans == nullptr) return std::unexpected(invalid(source, "no [[plan]] is defined"));
  for (std::size_t i = 0; i < plans->size(); ++i) {
    const auto* table = (*plans)[i].as_table();
    if (table == nullptr)
      return std::unexpected(invalid(source, fmt::format("plan {} is not a table", i + 1)));
    auto plan = read_plan(*table);
    if (!plan) {
      const auto id = (*table)["id"].value_exact<std::string>();
      return std::unexpected(invalid(
          source,
          fmt::format("plan {}: {}", id ? fmt::format("'{}'", *id) : fmt::format("#{}", i + 1),
                      plan.error())));
    }
    rules.plans.push_back(std::move(*plan));
  }
  if (auto ok = core::check_rules(rules); !ok) return std::unexpected(invalid(source, ok.error()));
  return rules;
}

std::expected<core::Rules, Error> load_rules_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(
        Error{Error::Kind::io, fmt::format("cannot read the rules file {}", path.string()), ""});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_rules_toml(text.str(), path.filename().string());
}

}  // namespace kiosk::store
