// ClaimService::claim_lines: what the progress screen and the records' claimed marks get for
// a person, from a real store the service opened, after a claim saved through the service.
#include <catch2/catch.hpp>

#include "kiosk/app/config.h"
#include "kiosk/store/demo_claims.h"
#include "services/claim_service.h"
#include "temp_dir.h"

using namespace kiosk;

TEST_CASE("the claim service lists a person's claims without personal data", "[app][claims]") {
  testing::TempDir dir("kiosk-claim-lines");
  app::Config config = app::default_config();
  config.data_dir = dir.path();
  auto service = app::ClaimService::start(config);
  REQUIRE(service.has_value());

  core::Claim claim = store::demo_claim(0, config.terminal_id);
  core::SignatureBitmap signature{4, 4, std::vector<std::uint8_t>(16, 0)};
  signature.dots[5] = signature.dots[10] = 1;
  REQUIRE((*service)->save(claim, signature).has_value());

  auto lines = (*service)->claim_lines(store::demo_people()[0].id_number);
  REQUIRE(lines.has_value());
  REQUIRE(lines->size() == 1);
  const auto& line = lines->front();
  CHECK(line.number == core::short_id(claim.uuid));
  CHECK(line.upload == core::UploadState::pending);  // no server here: it waits to upload
  CHECK(core::stage_of(line) == core::ClaimStage::waiting_upload);
  CHECK(line.benefit_fen == claim.estimate.total_benefit_fen);
  REQUIRE(line.bill_ids.size() == claim.bills.size());
  CHECK(line.bill_ids.front() == claim.bills.front().id);

  CHECK((*service)->claim_lines(store::demo_people()[1].id_number)->empty());
}
