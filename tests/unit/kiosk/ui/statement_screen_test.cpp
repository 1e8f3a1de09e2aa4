// Headless frame tests of the statement screen: the period buttons, the steppers, the totals
// drawn, printing and its outcome, all through taps on the real screen.
#include "drawn_text.h"
#include "headless_ui.h"

using namespace kiosk;
using namespace kiosk::ui;
using namespace std::chrono;
using namespace std::chrono_literals;
using Statement = core::screen::Statement;

namespace {

void apply(core::Session& session, std::vector<core::Input> inputs) {
  for (auto& input : inputs) session.handle(std::move(input), core::TimePoint{});
}

core::Bill bill(std::string id, core::Date settled, core::Fen total, core::Fen fund,
                core::Fen cash) {
  core::Bill b;
  b.id = std::move(id);
  b.institution = "北京协和医院";
  b.admitted = b.discharged = settled;
  b.total_fen = total;
  b.fund_paid_fen = fund;
  b.cash_paid_fen = cash;
  return b;
}

// On the statement screen with records in 2025 and 2026 (the frames' clock says 2026-11-29).
core::Session on_statement() {
  core::Session session({90s, core::Language::zh_CN});
  core::Identity identity;
  identity.id_number_valid = true;
  identity.name = core::Secret("张三丰");
  identity.id_number = core::Secret("11010519491231002X");
  session.handle(core::device::CardRead{std::move(identity)}, core::TimePoint{});
  core::server::MemberLoaded loaded;
  loaded.visit = 1;
  loaded.bills = {bill("A", 2025y / May / 5, 2'000'00, 1'500'00, 500'00),
                  bill("B", 2026y / March / 1, 1'234'56, 1'000'00, 234'56),
                  bill("C", 2026y / November / 2, 8'765'44, 5'000'00, 3'765'44)};
  session.handle(std::move(loaded), core::TimePoint{});
  session.handle(core::ScreenIntent{core::screen::Menu::Intent{
                     core::screen::Menu::Open{core::screen::Menu::Item::statement}}},
                 core::TimePoint{});
  REQUIRE(session.screen_if<Statement>());
  return session;
}

std::string drawn(testing::HeadlessUi& ui, const core::Session& session) {
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  return testing::drawn_text(*ImGui::GetDrawData(), *ImGui::GetIO().Fonts);
}

}  // namespace

TEST_CASE("the statement screen: choose this year, see its totals, print", "[ui][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = on_statement();
  // Nothing chosen yet: no print button.
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  CHECK_FALSE(ui.host().item_rect("statement.print"));

  apply(session, ui.tap(session, "statement.this_year"));
  const auto* screen = session.screen_if<Statement>();
  REQUIRE(screen);
  CHECK(screen->range == Statement::Range::this_year);
  CHECK(screen->period == core::StatementPeriod{2026y / January, 2026y / December});
  const std::string text = drawn(ui, session);
  CHECK(ui.failure() == std::nullopt);
  CHECK(text.find("2条") != std::string::npos);
  CHECK(text.find("10,000.00元") != std::string::npos);  // total of B and C
  CHECK(text.find("6,000.00元") != std::string::npos);   // fund paid
  CHECK(text.find("4,000.00元") != std::string::npos);   // personal share

  std::vector<core::Effect> effects;
  for (auto& input : ui.tap(session, "statement.print")) {
    for (auto& e : session.handle(std::move(input), core::TimePoint{})) effects.push_back(e);
  }
  REQUIRE(effects.size() >= 1);
  CHECK(std::holds_alternative<core::effect::PrintStatement>(effects[0]));
  CHECK(session.screen_if<Statement>()->stage == Statement::Stage::printing);
  CHECK(drawn(ui, session).find("正在打印") != std::string::npos);
  // Back is held while printing.
  apply(session, ui.tap(session, "statement.back"));
  CHECK(session.screen_if<Statement>());

  session.handle(core::printer::StatementQueued{4, core::StatementPrinter::receipt, "ST-1"},
                 core::TimePoint{});
  session.handle(core::printer::JobFailed{4, core::printer::JobFailure::paper_out},
                 core::TimePoint{});
  CHECK(drawn(ui, session).find("打印机没纸了") != std::string::npos);
  apply(session, ui.tap(session, "statement.again"));
  CHECK(session.screen_if<Statement>()->stage == Statement::Stage::choosing);
  apply(session, ui.tap(session, "statement.back"));
  CHECK(session.screen_if<core::screen::Menu>());
}

TEST_CASE("the statement's month steppers move the period by a month per tap", "[ui][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = on_statement();
  apply(session, ui.tap(session, "statement.months"));
  REQUIRE(session.screen_if<Statement>()->period ==
          core::StatementPeriod{2026y / January, 2026y / November});
  apply(session, ui.tap(session, "statement.from_earlier"));
  CHECK(session.screen_if<Statement>()->period.from == 2025y / December);
  // This month is the latest end: the button is disabled and does nothing.
  apply(session, ui.tap(session, "statement.to_later"));
  CHECK(session.screen_if<Statement>()->period.to == 2026y / November);
  apply(session, ui.tap(session, "statement.to_earlier"));
  CHECK(session.screen_if<Statement>()->period.to == 2026y / October);
  const std::string text = drawn(ui, session);
  CHECK(text.find("2025年12月") != std::string::npos);
  CHECK(text.find("2026年10月") != std::string::npos);
  CHECK(text.find("1条") != std::string::npos);  // only B, in March 2026
}

TEST_CASE("the statement screen says plainly when the period has no records", "[ui][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = on_statement();
  apply(session, ui.tap(session, "statement.months"));
  for (int i = 0; i < 7; ++i) apply(session, ui.tap(session, "statement.to_earlier"));
  // January to April 2026 holds only B; from February on, none.
  apply(session, ui.tap(session, "statement.from_later"));
  apply(session, ui.tap(session, "statement.from_later"));
  CHECK(session.screen_if<Statement>()->period ==
        core::StatementPeriod{2026y / March, 2026y / April});
  apply(session, ui.tap(session, "statement.from_later"));
  const std::string text = drawn(ui, session);
  CHECK(text.find("没有结算记录") != std::string::npos);
  CHECK(text.find("打印证明单") == std::string::npos);  // no print button
}
