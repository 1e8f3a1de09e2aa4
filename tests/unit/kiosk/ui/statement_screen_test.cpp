// Headless frame tests of the statement screen: the period buttons, the steppers, the totals
// drawn, printing and its outcome, all through taps on the real screen; on a terminal with an
// A4 printer also the paper choice, the A4 job's progress and failures in words, the question
// whether to use the receipt printer, and the verification number once printed.
#include "drawn_text.h"
#include "headless_ui.h"

using namespace kiosk;
using namespace kiosk::ui;
using namespace std::chrono;
using namespace std::chrono_literals;
using Statement = core::screen::Statement;
using core::printer::A4State;

namespace {

void apply(core::Session& session, std::vector<core::Input> inputs,
           std::vector<core::Effect>* effects = nullptr) {
  for (auto& input : inputs) {
    for (auto& effect : session.handle(std::move(input), core::TimePoint{})) {
      if (effects) effects->push_back(std::move(effect));
    }
  }
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
core::Session on_statement(core::SessionConfig config = {90s, core::Language::zh_CN}) {
  core::Session session(config);
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

// On the statement screen of a terminal with an A4 printer (or without), this year chosen.
core::Session on_a4_statement(testing::HeadlessUi& ui, bool a4 = true) {
  core::SessionConfig config;
  config.a4_printer = a4;
  auto session = on_statement(config);
  apply(session, ui.tap(session, "statement.this_year"));
  REQUIRE(session.screen_if<Statement>()->range);
  return session;
}

// Taps print; the A4 job is queued and reports STATE.
void print_until(testing::HeadlessUi& ui, core::Session& session, A4State state, bool final) {
  apply(session, ui.tap(session, "statement.print"));
  session.handle(core::printer::StatementQueued{2, core::StatementPrinter::a4, "ST-1"},
                 core::TimePoint{});
  session.handle(core::printer::A4Job{2, state, 0, final}, core::TimePoint{});
}

const core::effect::PrintStatement* print_effect(const std::vector<core::Effect>& effects) {
  for (const auto& e : effects) {
    if (const auto* print = std::get_if<core::effect::PrintStatement>(&e)) return print;
  }
  return nullptr;
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

TEST_CASE("without an A4 printer the screen offers no paper choice", "[ui][frame][a4]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = on_a4_statement(ui, false);
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  CHECK(ui.host().item_rect("statement.print"));
  CHECK_FALSE(ui.host().item_rect("statement.printer_a4"));
  CHECK_FALSE(ui.host().item_rect("statement.printer_receipt"));
}

TEST_CASE("A4 is the default, the receipt printer one tap away", "[ui][frame][a4]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = on_a4_statement(ui);
  const std::string text = drawn(ui, session);
  CHECK(ui.failure() == std::nullopt);
  CHECK(text.find("A4纸") != std::string::npos);
  CHECK(text.find("小票") != std::string::npos);
  CHECK(text.find("A4打印机打出") != std::string::npos);

  apply(session, ui.tap(session, "statement.printer_receipt"));
  CHECK(session.screen_if<Statement>()->chosen == core::StatementPrinter::receipt);
  CHECK(drawn(ui, session).find("出纸口") != std::string::npos);
  apply(session, ui.tap(session, "statement.printer_a4"));
  std::vector<core::Effect> effects;
  apply(session, ui.tap(session, "statement.print"), &effects);
  REQUIRE(print_effect(effects));
  CHECK(print_effect(effects)->printer == core::StatementPrinter::a4);
}

TEST_CASE("the A4 job's progress, then printed with its verification number", "[ui][frame][a4]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = on_a4_statement(ui);
  apply(session, ui.tap(session, "statement.print"));
  session.handle(
      core::printer::StatementQueued{1, core::StatementPrinter::a4, "ST-7K3M-9QXZ-4T2W-HB6R"},
      core::TimePoint{});
  CHECK(drawn(ui, session).find("正在把证明单发送到A4打印机") != std::string::npos);
  // No page counted yet (many printers never count): no "0 pages".
  session.handle(core::printer::A4Job{1, A4State::printing, 0, false}, core::TimePoint{});
  std::string text = drawn(ui, session);
  CHECK(text.find("A4打印机正在出纸") != std::string::npos);
  CHECK(text.find("0页") == std::string::npos);
  session.handle(core::printer::A4Job{1, A4State::printing, 1, false}, core::TimePoint{});
  text = drawn(ui, session);
  CHECK(text.find("正在用A4打印机打印") != std::string::npos);
  CHECK(text.find("已打出1页") != std::string::npos);
  // Held while printing: back does nothing.
  apply(session, ui.tap(session, "statement.back"));
  CHECK(session.screen_if<Statement>());
  session.handle(core::printer::A4Job{1, A4State::done, 2, true}, core::TimePoint{});
  text = drawn(ui, session);
  CHECK(text.find("请从A4打印机取走证明单") != std::string::npos);
  CHECK(text.find("验证编号：ST-7K3M-9QXZ-4T2W-HB6R") != std::string::npos);
}

TEST_CASE("the receipt printer's statement shows its number once printed", "[ui][frame][a4]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = on_a4_statement(ui, false);
  apply(session, ui.tap(session, "statement.print"));
  session.handle(
      core::printer::StatementQueued{4, core::StatementPrinter::receipt, "ST-AAAA-BBBB-CCCC-DDDD"},
      core::TimePoint{});
  // Not before it printed: a number on screen for a paper that never came would mislead.
  CHECK(drawn(ui, session).find("ST-AAAA-BBBB-CCCC-DDDD") == std::string::npos);
  session.handle(core::printer::JobDone{4}, core::TimePoint{});
  CHECK(drawn(ui, session).find("验证编号：ST-AAAA-BBBB-CCCC-DDDD") != std::string::npos);
}

TEST_CASE("A4 out of paper: the person is told and asked, yes prints on the receipt printer",
          "[ui][frame][a4]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = on_a4_statement(ui);
  print_until(ui, session, A4State::paper_out, false);
  std::string text = drawn(ui, session);
  CHECK(ui.failure() == std::nullopt);
  CHECK(text.find("A4打印机没纸了") != std::string::npos);
  CHECK(text.find("处理好后会接着打印") != std::string::npos);
  CHECK(text.find("要改用小票打印机打印吗") != std::string::npos);
  CHECK(text.find("不用，等A4") != std::string::npos);

  std::vector<core::Effect> effects;
  apply(session, ui.tap(session, "statement.use_receipt"), &effects);
  REQUIRE(effects.size() >= 2);
  CHECK(std::holds_alternative<core::effect::CancelA4Job>(effects[0]));
  REQUIRE(print_effect(effects));
  CHECK(print_effect(effects)->printer == core::StatementPrinter::receipt);
  CHECK(drawn(ui, session).find("正在打印") != std::string::npos);
}

TEST_CASE("A4 gone: no keeps nothing printing and says where to go", "[ui][frame][a4]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  auto session = on_a4_statement(ui);
  print_until(ui, session, A4State::printer_gone, true);
  std::string text = drawn(ui, session);
  CHECK(text.find("连不上A4打印机") != std::string::npos);
  CHECK(text.find("不用了") != std::string::npos);
  std::vector<core::Effect> effects;
  apply(session, ui.tap(session, "statement.no_receipt"), &effects);
  CHECK_FALSE(print_effect(effects));
  text = drawn(ui, session);
  CHECK(text.find("请到服务台") != std::string::npos);
  CHECK(session.screen_if<Statement>()->stage == Statement::Stage::failed);
}
