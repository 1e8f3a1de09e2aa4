// kioskctl rules: check a benefit rules file and estimate a case with it.
#include <fstream>
#include <sstream>

#include <fmt/core.h>

#include "args.h"
#include "kiosk/core/rules.h"
#include "kiosk/store/estimate_case.h"
#include "kiosk/store/rules_toml.h"
#include "registry.h"

namespace kiosk::ctl {
namespace {
constexpr std::string_view kUsage =
    "usage: kioskctl rules estimate --rules FILE.toml --input CASE.json\n"
    "       kioskctl rules check --rules FILE.toml\n"
    "  estimate  prints the expected benefit per plan and year as JSON\n"
    "  check     reads the rules and prints their plans, or what is wrong with them\n";

int estimate(const ParsedArgs& args) {
  auto rules_path = args.get("--rules");
  auto input_path = args.get("--input");
  if (!rules_path || !input_path) return usage_error("rules estimate needs --rules and --input");
  auto rules = store::load_rules_file(*rules_path);
  if (!rules) {
    fmt::print(stderr, "kioskctl rules: {}\n", rules.error().message);
    return kExitFailure;
  }
  std::ifstream in(*input_path, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "kioskctl rules: cannot read the case file {}\n", *input_path);
    return kExitFailure;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto input = store::parse_estimate_case(text.str());
  if (!input) {
    fmt::print(stderr, "kioskctl rules: {}: {}\n", *input_path, input.error().message);
    return kExitFailure;
  }
  const auto result = core::estimate_benefits(*rules, input->bills, input->history);
  fmt::print("{}\n", store::estimate_to_json(result));
  return kExitOk;
}

int check(const ParsedArgs& args) {
  auto rules_path = args.get("--rules");
  if (!rules_path) return usage_error("rules check needs --rules");
  auto rules = store::load_rules_file(*rules_path);
  if (!rules) {
    fmt::print(stderr, "kioskctl rules: {}\n", rules.error().message);
    return kExitFailure;
  }
  fmt::print("rules {} ({} plans)\n", rules->version.empty() ? "without version" : rules->version,
             rules->plans.size());
  for (const auto& plan : rules->plans) {
    fmt::print("  {} {}: deductible {} yuan, cap {} yuan, {} bands\n", plan.id, plan.name,
               core::format_yuan(plan.deductible_fen), core::format_yuan(plan.annual_cap_fen),
               plan.bands.size());
  }
  return kExitOk;
}

int run(const Args& raw) {
  if (raw.empty() || raw[0] == "--help" || raw[0] == "-h") {
    fmt::print("{}", kUsage);
    return raw.empty() ? kExitUsage : kExitOk;
  }
  auto args = parse_args(Args(raw.begin() + 1, raw.end()), {{"--rules", "--input"}, {}});
  if (!args) return usage_error(args.error());
  if (raw[0] == "estimate") return estimate(*args);
  if (raw[0] == "check") return check(*args);
  return usage_error(fmt::format("unknown rules command '{}'; `kioskctl rules --help`", raw[0]));
}
}  // namespace

KIOSKCTL_COMMAND(rules, "rules", "check benefit rules and estimate a claim with them", run);

}  // namespace kiosk::ctl
