// The records screen (医保结算单) and a record's detail, driven through the session.
#include <catch2/catch.hpp>

#include "kiosk/core/session.h"
#include "records_fixture.h"

using namespace kiosk::core;
using namespace kiosk::core::testing;
using namespace std::chrono_literals;
using Records = screen::Records;
using Detail = screen::RecordDetail;

namespace {
std::vector<Bill> three_years() {
  return {make_bill("B2023", ymd(2023, 6, 1)), make_bill("B2025a", ymd(2025, 3, 2)),
          make_bill("B2024", ymd(2024, 12, 31)), make_bill("B2025b", ymd(2025, 8, 9))};
}
}  // namespace

TEST_CASE("opening records from the menu shows them and asks for this terminal's claims",
          "[session][records]") {
  Session session({90s, Language::zh_CN});
  const auto visit = open_visit(session, three_years());
  auto effects = open_item(session, screen::Menu::Item::records);
  REQUIRE(session.screen_if<Records>());
  const auto* load = find_effect<effect::LoadClaims>(effects);
  REQUIRE(load);
  CHECK(load->visit == visit);
  CHECK(session.screen_if<Records>()->claims.state == PersonClaims::State::loading);
}

TEST_CASE("records are listed newest first and filtered by year", "[session][records]") {
  const auto bills = three_years();
  CHECK(screen::record_years(bills) == std::vector<int>{2025, 2024, 2023});
  auto all = screen::records_shown(bills, std::nullopt);
  REQUIRE(all.size() == 4);
  CHECK(all[0]->id == "B2025b");
  CHECK(all[1]->id == "B2025a");
  CHECK(all[2]->id == "B2024");
  CHECK(all[3]->id == "B2023");

  Session session({90s, Language::zh_CN});
  open_visit(session, bills);
  open_item(session, screen::Menu::Item::records);
  intent<Records>(session, Records::SelectYear{2025});
  REQUIRE(session.screen_if<Records>()->year == 2025);
  auto shown = screen::records_shown(session.bills(), session.screen_if<Records>()->year);
  REQUIRE(shown.size() == 2);
  CHECK(shown[0]->id == "B2025b");
  intent<Records>(session, Records::SelectYear{std::nullopt});
  CHECK_FALSE(session.screen_if<Records>()->year.has_value());
}

TEST_CASE("a record opens in full and back returns to the list as it was", "[session][records]") {
  Session session({90s, Language::zh_CN});
  open_visit(session, three_years());
  open_item(session, screen::Menu::Item::records);
  intent<Records>(session, Records::SelectYear{2024});
  intent<Records>(session, Records::Open{"B2024"});
  const auto* detail = session.screen_if<Detail>();
  REQUIRE(detail);
  const Bill* bill = screen::record_of(*detail, session.visit());
  REQUIRE(bill);
  CHECK(bill->id == "B2024");

  intent<Detail>(session, Detail::Back{});
  REQUIRE(session.screen_if<Records>());
  CHECK(session.screen_if<Records>()->year == 2024);
  intent<Records>(session, Records::Back{});
  CHECK(session.screen_if<screen::Menu>());
}

TEST_CASE("a record the visit does not hold is not opened", "[session][records]") {
  Session session({90s, Language::zh_CN});
  open_visit(session, three_years());
  open_item(session, screen::Menu::Item::records);
  intent<Records>(session, Records::Open{"not-a-record"});
  CHECK(session.screen_if<Records>());
}

TEST_CASE("records already claimed carry the claim's number and state", "[session][records]") {
  Session session({90s, Language::zh_CN});
  const auto visit = open_visit(session, three_years());
  open_item(session, screen::Menu::Item::records);
  session.handle(
      claims::Listed{visit,
                     claims::ListResult::listed,
                     {claim_line({"B2025a", "B2024"}, UploadState::acked, ClaimStatus::reviewing)}},
      TimePoint{});
  const auto& records = *session.screen_if<Records>();
  CHECK(records.claims.state == PersonClaims::State::loaded);
  const auto* mark = records.claims.claim_for("B2024");
  REQUIRE(mark);
  CHECK(mark->number == "3F2A9C1B");
  CHECK(stage_of(*mark) == ClaimStage::reviewing);
  CHECK(records.claims.claim_for("B2025b") == nullptr);

  // The marks stay when a record is opened and closed again.
  intent<Records>(session, Records::Open{"B2024"});
  CHECK(session.screen_if<Detail>()->list.claims.claim_for("B2024"));
  intent<Detail>(session, Detail::Back{});
  CHECK(session.screen_if<Records>()->claims.claim_for("B2024"));
}

TEST_CASE("the claims answer reaches an open record too", "[session][records]") {
  Session session({90s, Language::zh_CN});
  const auto visit = open_visit(session, three_years());
  open_item(session, screen::Menu::Item::records);
  intent<Records>(session, Records::Open{"B2023"});
  session.handle(
      claims::Listed{
          visit, claims::ListResult::listed, {claim_line({"B2023"}, UploadState::pending)}},
      TimePoint{});
  const auto* mark = session.screen_if<Detail>()->list.claims.claim_for("B2023");
  REQUIRE(mark);
  CHECK(stage_of(*mark) == ClaimStage::waiting_upload);
}

TEST_CASE("a store that cannot be read leaves the records without marks, and says so",
          "[session][records]") {
  Session session({90s, Language::zh_CN});
  const auto visit = open_visit(session, three_years());
  open_item(session, screen::Menu::Item::records);
  session.handle(claims::Listed{visit, claims::ListResult::failed, {}}, TimePoint{});
  CHECK(session.screen_if<Records>()->claims.state == PersonClaims::State::failed);
}

TEST_CASE("a claims answer for an earlier card is dropped", "[session][records]") {
  Session session({90s, Language::zh_CN});
  const auto first = open_visit(session, three_years());
  const auto second = open_visit(session, three_years());  // the next person's card
  REQUIRE(second != first);
  open_item(session, screen::Menu::Item::records);
  session.handle(
      claims::Listed{
          first, claims::ListResult::listed, {claim_line({"B2024"}, UploadState::acked)}},
      TimePoint{});
  const auto& records = *session.screen_if<Records>();
  CHECK(records.claims.state == PersonClaims::State::loading);
  CHECK(records.claims.claim_for("B2024") == nullptr);
}

TEST_CASE("when the lookup failed the records screen offers to ask again", "[session][records]") {
  Session session({90s, Language::zh_CN});
  session.handle(device::CardRead{records_identity()}, TimePoint{});
  const auto visit = session.visit().number;
  session.handle(
      server::LookupFailed{visit, server::LookupFailure::unreachable, ErrorClass::network},
      TimePoint{});
  open_item(session, screen::Menu::Item::records);
  REQUIRE(session.screen_if<Records>());
  CHECK(session.lookup() == Lookup::failed);

  auto effects = intent<Records>(session, Records::Retry{});
  const auto* lookup = find_effect<effect::LookUpMember>(effects);
  REQUIRE(lookup);
  CHECK(lookup->visit == visit);
  CHECK(session.lookup() == Lookup::pending);
  // Asked once: a second tap while waiting does not ask again.
  CHECK(find_effect<effect::LookUpMember>(intent<Records>(session, Records::Retry{})) == nullptr);

  session.handle(server::MemberLoaded{visit, Member{}, three_years(), {}}, TimePoint{});
  CHECK(session.lookup() == Lookup::loaded);
  CHECK(session.bills().size() == 4);
  CHECK(session.screen_if<Records>());
}

TEST_CASE("the idle timeout on the records or a record wipes the visit", "[session][records]") {
  for (bool open_detail : {false, true}) {
    Session session({60s, Language::zh_CN});
    open_visit(session, three_years());
    open_item(session, screen::Menu::Item::records, TimePoint{} + 1s);
    if (open_detail) intent<Records>(session, Records::Open{"B2024"}, TimePoint{} + 2s);
    auto effects = session.handle(time::Tick{}, TimePoint{} + 70s);
    CHECK(session.screen_if<screen::Attract>());
    CHECK(session.bills().empty());
    CHECK(session.identity() == nullptr);
    CHECK(find_effect<effect::WipePersonalData>(effects));
  }
}

TEST_CASE("home from the records ends the visit", "[session][records]") {
  Session session({60s, Language::zh_CN});
  open_visit(session, three_years());
  open_item(session, screen::Menu::Item::records);
  auto effects = session.handle(person::GoHome{}, TimePoint{});
  CHECK(session.screen_if<screen::Attract>());
  CHECK(find_effect<effect::WipePersonalData>(effects));
}

TEST_CASE("the log lines for listing claims carry counts only", "[session][records]") {
  CHECK(describe(Effect{effect::LoadClaims{7}}) == "effect load_claims visit=7");
  CHECK(describe(Input{ClaimsInput{claims::Listed{
            7, claims::ListResult::listed, {claim_line({"B1"}, UploadState::acked)}}}}) ==
        "claims listed visit=7 ok lines=1");
}
