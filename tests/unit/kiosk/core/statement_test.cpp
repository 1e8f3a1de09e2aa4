// The statement screen: choosing a period, its totals, printing and the printer's answers.
#include "statement_fixture.h"
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
