// The statement on an A4 printer: the choice of printer, the job's progress, and the receipt
// printer as a fallback only with the worker's consent.
#include "statement_fixture.h"

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
