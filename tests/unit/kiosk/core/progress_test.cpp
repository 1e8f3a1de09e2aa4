// The progress screen (查询申报进度), driven through the session.
#include <catch2/catch.hpp>

#include "kiosk/core/session.h"
#include "records_fixture.h"

using namespace kiosk::core;
using namespace kiosk::core::testing;
using namespace std::chrono_literals;
using Progress = screen::Progress;

namespace {
ClaimLine line(UploadState upload, std::optional<ClaimStatus> status = std::nullopt,
               std::string reason = "") {
  return claim_line({"B1"}, upload, status, std::move(reason));
}
}  // namespace

TEST_CASE("progress asks for the person's claims and shows them", "[session][progress]") {
  Session session({90s, Language::zh_CN});
  const auto visit = open_visit(session, {make_bill("B1", ymd(2026, 10, 1))});
  auto effects = open_item(session, screen::Menu::Item::progress);
  REQUIRE(session.screen_if<Progress>());
  const auto* load = find_effect<effect::LoadClaims>(effects);
  REQUIRE(load);
  CHECK(load->visit == visit);
  CHECK(session.screen_if<Progress>()->claims.state == PersonClaims::State::loading);

  session.handle(claims::Listed{visit,
                                claims::ListResult::listed,
                                {line(UploadState::retry_wait),
                                 line(UploadState::acked, ClaimStatus::rejected, "发票重复")}},
                 TimePoint{});
  const auto& progress = *session.screen_if<Progress>();
  REQUIRE(progress.claims.state == PersonClaims::State::loaded);
  REQUIRE(progress.claims.lines.size() == 2);
  CHECK(progress.claims.lines[1].reason == "发票重复");

  intent<Progress>(session, Progress::Back{});
  CHECK(session.screen_if<screen::Menu>());
}

TEST_CASE("where a claim stands, in the person's words", "[session][progress]") {
  CHECK(stage_of(line(UploadState::pending)) == ClaimStage::waiting_upload);
  CHECK(stage_of(line(UploadState::sending)) == ClaimStage::waiting_upload);
  CHECK(stage_of(line(UploadState::retry_wait)) == ClaimStage::waiting_upload);
  CHECK(stage_of(line(UploadState::quarantined)) == ClaimStage::staff_check);
  CHECK(stage_of(line(UploadState::acked)) == ClaimStage::received);  // no status pulled yet
  CHECK(stage_of(line(UploadState::acked, ClaimStatus::received)) == ClaimStage::received);
  CHECK(stage_of(line(UploadState::acked, ClaimStatus::reviewing)) == ClaimStage::reviewing);
  CHECK(stage_of(line(UploadState::acked, ClaimStatus::approved)) == ClaimStage::approved);
  CHECK(stage_of(line(UploadState::acked, ClaimStatus::paid)) == ClaimStage::paid);
  CHECK(stage_of(line(UploadState::acked, ClaimStatus::rejected)) == ClaimStage::rejected);
}

TEST_CASE("a store that cannot be read can be asked again", "[session][progress]") {
  Session session({90s, Language::zh_CN});
  const auto visit = open_visit(session, {});
  open_item(session, screen::Menu::Item::progress);
  // Nothing to retry while the first answer is awaited.
  CHECK(find_effect<effect::LoadClaims>(intent<Progress>(session, Progress::Retry{})) == nullptr);
  session.handle(claims::Listed{visit, claims::ListResult::failed, {}}, TimePoint{});
  CHECK(session.screen_if<Progress>()->claims.state == PersonClaims::State::failed);
  auto effects = intent<Progress>(session, Progress::Retry{});
  REQUIRE(find_effect<effect::LoadClaims>(effects));
  CHECK(session.screen_if<Progress>()->claims.state == PersonClaims::State::loading);
  session.handle(claims::Listed{visit, claims::ListResult::listed, {}}, TimePoint{});
  CHECK(session.screen_if<Progress>()->claims.state == PersonClaims::State::loaded);
  CHECK(session.screen_if<Progress>()->claims.lines.empty());
}

TEST_CASE("a late progress answer for an earlier card is dropped", "[session][progress]") {
  Session session({90s, Language::zh_CN});
  const auto first = open_visit(session, {});
  open_item(session, screen::Menu::Item::progress);
  open_visit(session, {});  // another card
  open_item(session, screen::Menu::Item::progress);
  session.handle(claims::Listed{first, claims::ListResult::listed, {line(UploadState::pending)}},
                 TimePoint{});
  CHECK(session.screen_if<Progress>()->claims.state == PersonClaims::State::loading);
  CHECK(session.screen_if<Progress>()->claims.lines.empty());
}

TEST_CASE("the idle timeout on progress wipes the visit and its claims", "[session][progress]") {
  Session session({60s, Language::zh_CN});
  const auto visit = open_visit(session, {});
  open_item(session, screen::Menu::Item::progress, TimePoint{} + 1s);
  session.handle(claims::Listed{visit, claims::ListResult::listed, {line(UploadState::pending)}},
                 TimePoint{} + 1s);
  auto effects = session.handle(time::Tick{}, TimePoint{} + 62s);
  CHECK(session.screen_if<screen::Attract>());
  CHECK(find_effect<effect::WipePersonalData>(effects));
  // A late answer after the visit ended shows nowhere.
  session.handle(claims::Listed{visit, claims::ListResult::listed, {line(UploadState::pending)}},
                 TimePoint{} + 63s);
  CHECK(session.screen_if<screen::Attract>());
}
