// The claim wizard drawn headless: every step draws, taps on its buttons reach the session,
// and what was typed shows masked only.
#include "drawn_text.h"
#include "headless_ui.h"

using namespace kiosk;
using namespace kiosk::ui;
using namespace std::chrono_literals;

namespace {
using Form = core::screen::ClaimForm;

core::Session member_with_records() {
  core::Session session({600s, core::Language::zh_CN});
  core::Plan plan;
  plan.id = "inpatient";
  plan.name = "住院医疗互助";
  plan.visit_types = {core::VisitType::inpatient};
  plan.bands = {core::Band{std::nullopt, 50}};
  plan.annual_cap_fen = 1'000'000;
  session.handle(core::ServerInput{core::server::RulesLoaded{core::Rules{"t", {plan}}}},
                 core::TimePoint{});
  core::Identity identity;
  identity.id_number_valid = true;
  identity.name = core::Secret("王小明");
  session.handle(core::device::CardRead{std::move(identity)}, core::TimePoint{});
  core::Member member;
  member.phone = core::Secret("13812345678");
  member.enrolments = {core::PlanEnrolment{"inpatient", 2026}};
  std::vector<core::Bill> bills;
  for (int i = 0; i < 30; ++i) {
    core::Bill bill;
    bill.id = "B" + std::to_string(i);
    bill.institution = "市第一人民医院";
    bill.visit_type = core::VisitType::inpatient;
    bill.discharged =
        std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{3},
                                    std::chrono::day{static_cast<unsigned>(1 + i % 28)}};
    bill.cash_paid_fen = 10'000 + i;
    bills.push_back(bill);
  }
  session.handle(core::server::MemberLoaded{session.visit().number, std::move(member), bills, {}},
                 core::TimePoint{});
  return session;
}

void apply(core::Session& session, std::vector<core::Input> inputs) {
  for (auto& input : inputs) session.handle(std::move(input), core::TimePoint{});
}
}  // namespace

TEST_CASE("the claim wizard is walked by tapping its own buttons", "[ui][frame][claim]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920), BodyCoverage::full_cjk);
  auto session = member_with_records();
  apply(session, ui.tap(session, "menu.claim"));
  REQUIRE(session.screen_if<Form>());
  // A tap on a record leaves it out, another puts it back.
  apply(session, ui.tap(session, "claim.records/0"));
  CHECK_FALSE(session.screen_if<Form>()->chosen[0]);
  apply(session, ui.tap(session, "claim.records/0"));
  CHECK(session.screen_if<Form>()->chosen[0]);

  apply(session, ui.tap(session, "claim.next"));
  CHECK(session.screen_if<Form>()->step == Form::Step::estimate);
  apply(session, ui.tap(session, "claim.next"));
  CHECK(session.screen_if<Form>()->step == Form::Step::details);
  apply(session, ui.tap(session, "claim.bank_account"));
  for (const char* key : {"6", "2", "2", "2", "0", "2", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                          "0", "1", "2", "8"}) {
    apply(session, ui.tap(session, std::string("claim.keypad/") + key));
  }
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  const auto drawn = testing::drawn_text(*ImGui::GetDrawData(), *ImGui::GetIO().Fonts);
  INFO(drawn);
  CHECK(drawn.find("62220212") == std::string::npos);  // typed digits show masked
  CHECK(drawn.find("5678") != std::string::npos);      // the phone on file, masked: 138****5678
  CHECK(drawn.find("1234") == std::string::npos);
  CHECK_FALSE(ui.failure());
}
