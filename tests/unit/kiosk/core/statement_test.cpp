// The statement screen: choosing a period, its totals, printing and the printer's answers.
#include <catch2/catch.hpp>

#include "kiosk/core/session.h"

using namespace kiosk::core;
using namespace std::chrono;
using namespace std::chrono_literals;
using Statement = screen::Statement;

namespace {

Bill bill(std::string id, Date settled, Fen total, Fen fund, Fen account, Fen cash) {
  Bill b;
  b.id = std::move(id);
  b.institution = "北京协和医院";
  b.admitted = settled;
  b.discharged = settled;
  b.total_fen = total;
  b.fund_paid_fen = fund;
  b.account_paid_fen = account;
  b.cash_paid_fen = cash;
  return b;
}

const Date kToday = 2026y / November / 29;

// Records in 2025 and 2026, one on each side of a year's edge.
std::vector<Bill> sample_bills() {
  return {
      bill("A", 2025y / March / 3, 100'00, 60'00, 10'00, 30'00),
      bill("B", 2025y / December / 31, 2'000'00, 1'500'00, 0, 500'00),
      bill("C", 2026y / January / 1, 345'67, 200'00, 45'67, 100'00),
      bill("D", 2026y / October / 15, 1'000'000'00, 800'000'00, 50'000'00, 150'000'00),
  };
}

// A session on the statement screen with the sample records loaded.
Session statement_session(TimePoint t0 = {}) {
  Session session({90s, Language::zh_CN});
  Identity identity;
  identity.id_number_valid = true;
  identity.name = Secret("张三丰");
  identity.id_number = Secret("11010519491231002X");
  session.handle(device::CardRead{std::move(identity)}, t0);
  server::MemberLoaded loaded;
  loaded.visit = 1;
  loaded.member.name = Secret("张三丰");
  loaded.member.id_number = Secret("11010519491231002X");
  loaded.bills = sample_bills();
  session.handle(std::move(loaded), t0);
  session.handle(
      ScreenIntent{screen::Menu::Intent{screen::Menu::Open{screen::Menu::Item::statement}}},
      t0 + 1s);
  REQUIRE(session.screen_if<Statement>());
  return session;
}

std::vector<Effect> tell(Session& session, Statement::Intent intent,
                         TimePoint at = TimePoint{} + 2s) {
  return session.handle(ScreenIntent{std::move(intent)}, at);
}

const Statement& statement(const Session& session) {
  const auto* s = session.screen_if<Statement>();
  REQUIRE(s);
  return *s;
}

StatementTotals totals_shown(const Session& session) {
  auto totals = sum_records(records_in(session.bills(), statement(session).period));
  REQUIRE(totals);
  return *totals;
}

// The app's at-once answer to the print effect.
printer::StatementQueued queued(std::uint64_t job,
                                StatementPrinter on = StatementPrinter::receipt) {
  return {job, on, "ST-ABCD-EFGH-JKMN-PQRS"};
}

// A session on an A4 terminal's statement screen, this year chosen.
Session a4_session() {
  SessionConfig config;
  config.a4_printer = true;
  Session session(config);
  Identity identity;
  identity.id_number_valid = true;
  identity.name = Secret("张三丰");
  identity.id_number = Secret("11010519491231002X");
  session.handle(device::CardRead{std::move(identity)}, TimePoint{});
  server::MemberLoaded loaded;
  loaded.visit = 1;
  loaded.bills = sample_bills();
  session.handle(std::move(loaded), TimePoint{});
  session.handle(
      ScreenIntent{screen::Menu::Intent{screen::Menu::Open{screen::Menu::Item::statement}}},
      TimePoint{} + 1s);
  session.handle(ScreenIntent{Statement::Intent{
                     Statement::Choose{Statement::Range::this_year, Date{2026y / November / 29}}}},
                 TimePoint{} + 1s);
  REQUIRE(session.screen_if<Statement>());
  return session;
}

printer::A4Job a4(std::uint64_t job, printer::A4State state, int pages = 0, bool final = false) {
  return {job, state, pages, final};
}

template <class T>
const T* find_effect(const std::vector<Effect>& effects) {
  for (const auto& e : effects) {
    if (const auto* found = std::get_if<T>(&e)) return found;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the statement opens from the menu with nothing chosen", "[statement]") {
  auto session = statement_session();
  CHECK_FALSE(statement(session).range);
  CHECK(statement(session).stage == Statement::Stage::choosing);
  // Nothing chosen: nothing to print.
  CHECK(tell(session, Statement::Print{}).empty());
}

TEST_CASE("this year counts the records settled from 1 January to today's year end",
          "[statement]") {
  auto session = statement_session();
  tell(session, Statement::Choose{Statement::Range::this_year, kToday});
  CHECK(statement(session).period == StatementPeriod{2026y / January, 2026y / December});
  auto totals = totals_shown(session);
  CHECK(totals.count == 2);  // C and D; B was settled on 31 December 2025
  CHECK(totals.total_fen == 345'67 + 1'000'000'00);
  CHECK(totals.fund_paid_fen == 200'00 + 800'000'00);
  CHECK(totals.personal_fen == 145'67 + 200'000'00);
}

TEST_CASE("last year counts the year before", "[statement]") {
  auto session = statement_session();
  tell(session, Statement::Choose{Statement::Range::last_year, kToday});
  CHECK(statement(session).period.first_day() == 2025y / January / 1);
  CHECK(statement(session).period.last_day() == 2025y / December / 31);
  auto totals = totals_shown(session);
  CHECK(totals.count == 2);
  CHECK(totals.total_fen == 2'100'00);
  CHECK(totals.fund_paid_fen == 1'560'00);
  CHECK(totals.personal_fen == 540'00);
}

TEST_CASE("months from-to start at this January and step within bounds", "[statement]") {
  auto session = statement_session();
  tell(session, Statement::Choose{Statement::Range::months, kToday});
  CHECK(statement(session).period == StatementPeriod{2026y / January, 2026y / November});
  CHECK(totals_shown(session).count == 2);

  // A month earlier takes in 31 December 2025.
  tell(session, Statement::Step{Statement::Bound::from, -1});
  CHECK(statement(session).period.from == 2025y / December);
  CHECK(totals_shown(session).count == 3);
  // The end cannot pass this month, nor the start pass the end.
  CHECK_FALSE(statement(session).can_step(Statement::Bound::to, +1));
  tell(session, Statement::Step{Statement::Bound::to, +1});
  CHECK(statement(session).period.to == 2026y / November);
  for (int i = 0; i < 12; ++i) tell(session, Statement::Step{Statement::Bound::to, -1});
  CHECK(statement(session).period.to == 2025y / December);
  CHECK(statement(session).period.from == statement(session).period.to);
  CHECK(totals_shown(session).count == 1);
  // The start goes back at most kYearsBack years.
  for (int i = 0; i < 200; ++i) tell(session, Statement::Step{Statement::Bound::from, -1});
  CHECK(statement(session).period.from == 2021y / January);
  // Steppers do nothing for a whole-year choice.
  tell(session, Statement::Choose{Statement::Range::this_year, kToday});
  tell(session, Statement::Step{Statement::Bound::from, -1});
  CHECK(statement(session).period.from == 2026y / January);
}

TEST_CASE("printing emits the statement's period and shows printing then printed", "[statement]") {
  auto session = statement_session();
  tell(session, Statement::Choose{Statement::Range::this_year, kToday});
  auto effects = tell(session, Statement::Print{});
  const auto* print = find_effect<effect::PrintStatement>(effects);
  REQUIRE(print);
  CHECK(print->period == StatementPeriod{2026y / January, 2026y / December});
  CHECK(statement(session).stage == Statement::Stage::printing);
  // A second tap while printing prints nothing more; back is held until it ends.
  CHECK_FALSE(find_effect<effect::PrintStatement>(tell(session, Statement::Print{})));
  tell(session, Statement::Back{});
  REQUIRE(session.screen_if<Statement>());

  session.handle(queued(7), TimePoint{} + 3s);
  CHECK(statement(session).job == 7);
  CHECK(statement(session).number == "ST-ABCD-EFGH-JKMN-PQRS");
  session.handle(queued(8), TimePoint{} + 3s);  // someone else's job
  CHECK(statement(session).job == 7);
  session.handle(printer::JobDone{8}, TimePoint{} + 4s);
  CHECK(statement(session).stage == Statement::Stage::printing);
  auto done = session.handle(printer::JobDone{7}, TimePoint{} + 5s);
  CHECK(statement(session).stage == Statement::Stage::printed);
  const auto* voice = find_effect<effect::Speak>(done);
  REQUIRE(voice);
  CHECK(voice->key == "voice.statement_printed");

  tell(session, Statement::Back{});
  CHECK(session.screen_if<screen::Menu>());
}

TEST_CASE("a failed print says why and lets the person choose again", "[statement]") {
  using printer::JobFailure;
  for (auto failure :
       {JobFailure::paper_out, JobFailure::cover_open, JobFailure::offline, JobFailure::error}) {
    auto session = statement_session();
    tell(session, Statement::Choose{Statement::Range::last_year, kToday});
    tell(session, Statement::Print{});
    session.handle(queued(3), TimePoint{} + 3s);
    session.handle(printer::JobFailed{4, JobFailure::paper_out}, TimePoint{} + 3s);  // not ours
    CHECK(statement(session).stage == Statement::Stage::printing);
    session.handle(printer::JobFailed{3, failure}, TimePoint{} + 4s);
    CHECK(statement(session).stage == Statement::Stage::failed);
    REQUIRE(statement(session).failure);
    CHECK(*statement(session).failure == failure);
    tell(session, Statement::Again{});
    CHECK(statement(session).stage == Statement::Stage::choosing);
    CHECK_FALSE(statement(session).failure);
    CHECK(find_effect<effect::PrintStatement>(tell(session, Statement::Print{})));
  }
}

TEST_CASE("a print that could not be queued fails at once with job 0", "[statement]") {
  auto session = statement_session();
  tell(session, Statement::Choose{Statement::Range::this_year, kToday});
  tell(session, Statement::Print{});
  session.handle(printer::JobFailed{0, printer::JobFailure::offline}, TimePoint{} + 3s);
  CHECK(statement(session).stage == Statement::Stage::failed);
  CHECK(statement(session).failure == printer::JobFailure::offline);
}

TEST_CASE("a period without records prints nothing", "[statement]") {
  auto session = statement_session();
  tell(session, Statement::Choose{Statement::Range::months, kToday});
  tell(session, Statement::Step{Statement::Bound::from, +5});  // June to November 2026
  CHECK(statement(session).period.from == 2026y / June);
  CHECK(totals_shown(session).count == 1);
  tell(session, Statement::Step{Statement::Bound::to, -1});  // June to October: D
  tell(session, Statement::Step{Statement::Bound::to, -1});  // June to September: none
  CHECK(totals_shown(session).count == 0);
  CHECK_FALSE(find_effect<effect::PrintStatement>(tell(session, Statement::Print{})));
  CHECK(statement(session).stage == Statement::Stage::choosing);
}

TEST_CASE("the idle timeout on the statement wipes the visit, and a late result is dropped",
          "[statement]") {
  auto session = statement_session();
  tell(session, Statement::Choose{Statement::Range::this_year, kToday});
  tell(session, Statement::Print{});
  session.handle(queued(9), TimePoint{} + 3s);
  auto effects = session.handle(time::Tick{}, TimePoint{} + 2s + 90s);
  CHECK(session.screen_if<screen::Attract>());
  CHECK(find_effect<effect::WipePersonalData>(effects));
  CHECK(session.bills().empty());
  CHECK(session.identity() == nullptr);
  CHECK(session.handle(printer::JobDone{9}, TimePoint{} + 100s).empty());
  CHECK(session.screen_if<screen::Attract>());
}

TEST_CASE("printer job inputs and the print effect are logged without personal data",
          "[statement]") {
  CHECK(describe(Input{PrinterInput{printer::JobQueued{5}}}) == "printer job 5 queued");
  CHECK(describe(Input{PrinterInput{printer::JobDone{5}}}) == "printer job 5 done");
  CHECK(describe(Input{PrinterInput{printer::JobFailed{5, printer::JobFailure::cover_open}}}) ==
        "printer job 5 failed cover_open");
  CHECK(describe(Effect{effect::PrintStatement{{2025y / December, 2026y / March}}}) ==
        "effect print_statement 2025-12 to 2026-03");
}

TEST_CASE("a terminal without an A4 printer prints on the receipt printer whatever was chosen",
          "[statement][a4]") {
  auto session = statement_session();
  tell(session, Statement::Choose{Statement::Range::this_year, kToday});
  tell(session, Statement::ChoosePrinter{StatementPrinter::a4});
  auto effects = tell(session, Statement::Print{});
  const auto* print = find_effect<effect::PrintStatement>(effects);
  REQUIRE(print);
  CHECK(print->printer == StatementPrinter::receipt);
}

TEST_CASE("an A4 terminal prints on A4 by default: progress, then printed with its number",
          "[statement][a4]") {
  using printer::A4State;
  auto session = a4_session();
  auto effects = tell(session, Statement::Print{});
  const auto* print = find_effect<effect::PrintStatement>(effects);
  REQUIRE(print);
  CHECK(print->printer == StatementPrinter::a4);
  CHECK(print->period == StatementPeriod{2026y / January, 2026y / December});
  CHECK(statement(session).stage == Statement::Stage::printing);

  session.handle(queued(21, StatementPrinter::receipt),
                 TimePoint{} + 3s);  // not this job's printer
  CHECK(statement(session).job == 0);
  session.handle(queued(21, StatementPrinter::a4), TimePoint{} + 3s);
  CHECK(statement(session).job == 21);
  // The receipt printer's job 21 is another job.
  session.handle(printer::JobDone{21}, TimePoint{} + 3s);
  CHECK(statement(session).stage == Statement::Stage::printing);
  session.handle(a4(20, A4State::done, 2, true), TimePoint{} + 3s);  // not ours
  CHECK(statement(session).stage == Statement::Stage::printing);

  session.handle(a4(21, A4State::waiting), TimePoint{} + 4s);
  CHECK(statement(session).a4 == A4State::waiting);
  session.handle(a4(21, A4State::printing, 1), TimePoint{} + 5s);
  CHECK(statement(session).a4 == A4State::printing);
  CHECK(statement(session).a4_pages == 1);
  tell(session, Statement::Back{}, TimePoint{} + 5s);  // held while printing
  REQUIRE(session.screen_if<Statement>());
  auto done = session.handle(a4(21, A4State::done, 2, true), TimePoint{} + 6s);
  CHECK(statement(session).stage == Statement::Stage::printed);
  CHECK(statement(session).number == "ST-ABCD-EFGH-JKMN-PQRS");
  REQUIRE(find_effect<effect::Speak>(done));
  CHECK(find_effect<effect::Speak>(done)->key == "voice.statement_printed");
  // A late report of the finished job changes nothing.
  session.handle(a4(21, A4State::canceled, 2, true), TimePoint{} + 7s);
  CHECK(statement(session).stage == Statement::Stage::printed);
}

TEST_CASE("the person may choose the receipt printer on an A4 terminal", "[statement][a4]") {
  auto session = a4_session();
  tell(session, Statement::ChoosePrinter{StatementPrinter::receipt});
  auto effects = tell(session, Statement::Print{});
  REQUIRE(find_effect<effect::PrintStatement>(effects));
  CHECK(find_effect<effect::PrintStatement>(effects)->printer == StatementPrinter::receipt);
  session.handle(queued(5), TimePoint{} + 3s);
  // The A4 printer's reports do not touch a receipt job.
  session.handle(a4(5, printer::A4State::failed, 0, true), TimePoint{} + 3s);
  CHECK(statement(session).stage == Statement::Stage::printing);
  session.handle(printer::JobDone{5}, TimePoint{} + 4s);
  CHECK(statement(session).stage == Statement::Stage::printed);
  // The choice cannot change while a job is out, and stays for the next print.
  CHECK(statement(session).chosen == StatementPrinter::receipt);
}

TEST_CASE("A4 fails, the person agrees, and only then it prints on the receipt printer",
          "[statement][a4]") {
  using printer::A4State;
  for (auto failure : {A4State::printer_gone, A4State::refused, A4State::canceled, A4State::failed,
                       A4State::paper_out, A4State::jammed}) {
    auto session = a4_session();
    tell(session, Statement::Print{});
    session.handle(queued(3, StatementPrinter::a4), TimePoint{} + 3s);
    auto effects = session.handle(a4(3, failure, 0, true), TimePoint{} + 4s);
    CHECK(statement(session).stage == Statement::Stage::offer_receipt);
    CHECK(statement(session).a4 == failure);
    CHECK_FALSE(statement(session).busy());
    // Nothing prints on the receipt printer before the answer.
    CHECK_FALSE(find_effect<effect::PrintStatement>(effects));

    effects = tell(session, Statement::UseReceipt{Statement::Answer::yes}, TimePoint{} + 5s);
    const auto* print = find_effect<effect::PrintStatement>(effects);
    REQUIRE(print);
    CHECK(print->printer == StatementPrinter::receipt);
    CHECK(print->period == StatementPeriod{2026y / January, 2026y / December});
    // The A4 job is over: nothing to cancel.
    CHECK_FALSE(find_effect<effect::CancelA4Job>(effects));
    CHECK(statement(session).stage == Statement::Stage::printing);
    CHECK(statement(session).printing_on == StatementPrinter::receipt);
    CHECK(statement(session).number.empty());
    session.handle(printer::StatementQueued{4, StatementPrinter::receipt, "ST-2222-3333-4444-5555"},
                   TimePoint{} + 5s);
    session.handle(printer::JobDone{4}, TimePoint{} + 6s);
    CHECK(statement(session).stage == Statement::Stage::printed);
    CHECK(statement(session).number == "ST-2222-3333-4444-5555");
  }
}

TEST_CASE("A4 fails and the person declines the receipt printer: nothing prints",
          "[statement][a4]") {
  auto session = a4_session();
  tell(session, Statement::Print{});
  session.handle(queued(3, StatementPrinter::a4), TimePoint{} + 3s);
  session.handle(a4(3, printer::A4State::printer_gone, 0, true), TimePoint{} + 4s);
  auto effects = tell(session, Statement::UseReceipt{Statement::Answer::no}, TimePoint{} + 5s);
  CHECK_FALSE(find_effect<effect::PrintStatement>(effects));
  CHECK(statement(session).stage == Statement::Stage::failed);
  CHECK(statement(session).a4 == printer::A4State::printer_gone);
  // An answer given twice does nothing more.
  CHECK(tell(session, Statement::UseReceipt{Statement::Answer::yes}).empty());
  tell(session, Statement::Back{});
  CHECK(session.screen_if<screen::Menu>());
}

TEST_CASE("a blocked A4 job asks at once, yes cancels it first, no waits for staff",
          "[statement][a4]") {
  using printer::A4State;
  SECTION("yes: the A4 job is cancelled, then the receipt prints") {
    auto session = a4_session();
    tell(session, Statement::Print{});
    session.handle(queued(8, StatementPrinter::a4), TimePoint{} + 3s);
    session.handle(a4(8, A4State::paper_out), TimePoint{} + 4s);
    CHECK(statement(session).stage == Statement::Stage::offer_receipt);
    CHECK(statement(session).busy());  // the job may still print: back is held
    tell(session, Statement::Back{}, TimePoint{} + 4s);
    REQUIRE(session.screen_if<Statement>());
    auto effects = tell(session, Statement::UseReceipt{Statement::Answer::yes}, TimePoint{} + 5s);
    REQUIRE(effects.size() >= 2);
    const auto* cancel = std::get_if<effect::CancelA4Job>(&effects[0]);
    REQUIRE(cancel);  // before the receipt job: one statement, one paper
    CHECK(cancel->job == 8);
    REQUIRE(find_effect<effect::PrintStatement>(effects));
    CHECK(find_effect<effect::PrintStatement>(effects)->printer == StatementPrinter::receipt);
    // The cancelled job's last report does not touch the receipt job.
    session.handle(a4(8, A4State::canceled, 0, true), TimePoint{} + 6s);
    CHECK(statement(session).stage == Statement::Stage::printing);
  }
  SECTION("no: keep waiting; staff load paper and it prints") {
    auto session = a4_session();
    tell(session, Statement::Print{});
    session.handle(queued(8, StatementPrinter::a4), TimePoint{} + 3s);
    session.handle(a4(8, A4State::jammed), TimePoint{} + 4s);
    auto effects = tell(session, Statement::UseReceipt{Statement::Answer::no}, TimePoint{} + 5s);
    CHECK_FALSE(find_effect<effect::CancelA4Job>(effects));
    CHECK_FALSE(find_effect<effect::PrintStatement>(effects));
    CHECK(statement(session).stage == Statement::Stage::printing);
    CHECK(statement(session).a4 == A4State::jammed);  // still shown, with what to do
    // Not asked again for the same job while it stays blocked.
    session.handle(a4(8, A4State::paper_out), TimePoint{} + 6s);
    CHECK(statement(session).stage == Statement::Stage::printing);
    session.handle(a4(8, A4State::printing, 1), TimePoint{} + 7s);
    session.handle(a4(8, A4State::done, 1, true), TimePoint{} + 8s);
    CHECK(statement(session).stage == Statement::Stage::printed);
  }
  SECTION("the job gives up while asked: the question stays, now about a job that is over") {
    auto session = a4_session();
    tell(session, Statement::Print{});
    session.handle(queued(8, StatementPrinter::a4), TimePoint{} + 3s);
    session.handle(a4(8, A4State::cover_open), TimePoint{} + 4s);
    session.handle(a4(8, A4State::cover_open, 0, true), TimePoint{} + 60s);
    CHECK(statement(session).stage == Statement::Stage::offer_receipt);
    CHECK_FALSE(statement(session).busy());
    auto effects = tell(session, Statement::UseReceipt{Statement::Answer::yes}, TimePoint{} + 61s);
    CHECK_FALSE(find_effect<effect::CancelA4Job>(effects));
    CHECK(find_effect<effect::PrintStatement>(effects));
  }
  SECTION("staff clear it while the question shows: the question goes away") {
    auto session = a4_session();
    tell(session, Statement::Print{});
    session.handle(queued(8, StatementPrinter::a4), TimePoint{} + 3s);
    session.handle(a4(8, A4State::stopped), TimePoint{} + 4s);
    CHECK(statement(session).stage == Statement::Stage::offer_receipt);
    session.handle(a4(8, A4State::printing, 1), TimePoint{} + 5s);
    CHECK(statement(session).stage == Statement::Stage::printing);
  }
}

TEST_CASE("an A4 statement that could not even be sent asks about the receipt printer",
          "[statement][a4]") {
  auto session = a4_session();
  tell(session, Statement::Print{});
  session.handle(a4(0, printer::A4State::failed, 0, true), TimePoint{} + 3s);
  CHECK(statement(session).stage == Statement::Stage::offer_receipt);
}

TEST_CASE("the visit ending mid A4 job wipes it, and the app cancels on that wipe",
          "[statement][a4]") {
  for (int way = 0; way < 3; ++way) {
    auto session = a4_session();
    tell(session, Statement::Print{});
    session.handle(queued(8, StatementPrinter::a4), TimePoint{} + 3s);
    session.handle(a4(8, printer::A4State::printing), TimePoint{} + 4s);
    std::vector<Effect> effects;
    if (way == 0) effects = session.handle(PersonInput{person::GoHome{}}, TimePoint{} + 5s);
    if (way == 1) effects = session.handle(time::Tick{}, TimePoint{} + 4s + 90s);
    if (way == 2) {
      Identity next;
      next.id_number_valid = true;
      next.name = Secret("李四");
      next.id_number = Secret("110101199003070012");
      effects = session.handle(device::CardRead{std::move(next)}, TimePoint{} + 5s);
    }
    CAPTURE(way);
    CHECK(find_effect<effect::WipePersonalData>(effects));
    CHECK_FALSE(session.screen_if<Statement>());
    // The job's late reports reach no screen.
    CHECK(session.handle(a4(8, printer::A4State::done, 1, true), TimePoint{} + 100s).empty());
  }
}

TEST_CASE("the statement's A4 inputs and effects are logged without personal data",
          "[statement][a4]") {
  CHECK(describe(Input{PrinterInput{queued(3, StatementPrinter::a4)}}) ==
        "printer statement job 3 queued on a4 number=ST-ABCD-EFGH-JKMN-PQRS");
  CHECK(describe(Input{PrinterInput{a4(3, printer::A4State::paper_out, 1, true)}}) ==
        "printer a4 job 3 paper_out pages=1 final");
  CHECK(describe(Effect{
            effect::PrintStatement{{2025y / December, 2026y / March}, StatementPrinter::a4}}) ==
        "effect print_statement 2025-12 to 2026-03 on a4");
  CHECK(describe(Effect{effect::CancelA4Job{3}}) == "effect cancel_a4_job 3");
}

TEST_CASE("the question about the receipt printer is said aloud once", "[statement][a4][voice]") {
  auto session = a4_session();
  tell(session, Statement::Print{});
  session.handle(queued(8, StatementPrinter::a4), TimePoint{} + 3s);
  auto asked = session.handle(a4(8, printer::A4State::stopped), TimePoint{} + 4s);
  const auto* speak = find_effect<effect::Speak>(asked);
  REQUIRE(speak);
  CHECK(speak->key == "voice.statement_a4_failed");
  // Still stopped, or failed for good while asking: the question is not said again.
  CHECK_FALSE(find_effect<effect::Speak>(
      session.handle(a4(8, printer::A4State::stopped), TimePoint{} + 5s)));
  CHECK_FALSE(find_effect<effect::Speak>(
      session.handle(a4(8, printer::A4State::failed, 0, true), TimePoint{} + 6s)));
}
