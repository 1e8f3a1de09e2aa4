#include <catch2/catch.hpp>

#include "kiosk/core/rules.h"
#include "kiosk/store/demo_claims.h"
#include "kiosk/store/rules_toml.h"

using namespace kiosk;

TEST_CASE(
    "demo claims are estimated under assets/rules/mutual-aid.toml, the one copy of the rules") {
  auto rules =
      store::load_rules_file(std::string(KIOSK_SOURCE_DIR) + "/assets/rules/mutual-aid.toml");
  REQUIRE(rules.has_value());
  bool saw_chronic = false;
  for (std::size_t n = 0; n < 12; ++n) {
    core::Claim claim = store::demo_claim(n, "DEMO-0001");
    CHECK(claim.estimate == core::estimate_benefits(*rules, claim.bills, {}));
    CHECK(claim.estimate.total_benefit_fen > 0);
    for (const auto& plan : claim.estimate.plans) {
      if (plan.plan == "chronic") saw_chronic = true;
      CHECK(plan.plan_name == (plan.plan == "chronic" ? "门诊慢特病医疗互助" : "住院医疗互助"));
    }
    claim.wipe();
  }
  CHECK(saw_chronic);
}
