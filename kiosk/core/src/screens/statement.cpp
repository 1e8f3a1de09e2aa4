#include "kiosk/core/screens/statement.h"

#include <algorithm>

#include "kiosk/core/context.h"
#include "kiosk/core/inputs.h"
#include "kiosk/core/overloaded.h"

namespace kiosk::core::screen {
namespace {
using namespace std::chrono;

year_month add_months(year_month month, int count) {
  return month + months{count};
}

void reset(Statement& screen) {
  screen.stage = Statement::Stage::choosing;
  screen.failure.reset();
  screen.job = 0;
  screen.number.clear();
  screen.a4_final = false;
  screen.keep_waiting = false;
}

void choose(Statement& screen, const Statement::Choose& choose, Context& context) {
  if (!choose.today.ok()) return;
  screen.this_month = choose.today.year() / choose.today.month();
  screen.range = choose.range;
  const auto this_year = choose.today.year();
  switch (choose.range) {
    case Statement::Range::this_year: screen.period = StatementPeriod::year_of(this_year); break;
    case Statement::Range::last_year:
      screen.period = StatementPeriod::year_of(this_year - years{1});
      break;
    case Statement::Range::months:
      // Starts as this year up to this month; the steppers move either end.
      screen.period = {this_year / January, screen.this_month};
      break;
  }
  reset(screen);
  context.speak("voice.statement_totals");
}

}  // namespace

year_month Statement::earliest() const {
  return (this_month.year() - years{kYearsBack}) / January;
}

bool Statement::can_step(Bound bound, int count) const {
  if (range != Range::months || busy()) return false;
  const auto from = bound == Bound::from ? add_months(period.from, count) : period.from;
  const auto to = bound == Bound::to ? add_months(period.to, count) : period.to;
  return from <= to && from >= earliest() && to <= this_month;
}

StatementPrinter Statement::printer(const SessionConfig& config) const {
  return config.a4_printer ? chosen : StatementPrinter::receipt;
}

bool Statement::busy() const {
  return stage == Stage::printing || (stage == Stage::offer_receipt && a4_alive());
}

namespace {

void start_job(Statement& screen, StatementPrinter printer, Context& context) {
  screen.stage = Statement::Stage::printing;
  screen.printing_on = printer;
  screen.job = 0;
  screen.number.clear();
  screen.failure.reset();
  screen.a4 = printer::A4State::sending;
  screen.a4_pages = 0;
  screen.a4_final = false;
  screen.keep_waiting = false;
  context.emit(effect::PrintStatement{screen.period, printer});
  context.speak("voice.statement_printing");
}

bool blocked(printer::A4State state) {
  switch (state) {
    case printer::A4State::paper_out:
    case printer::A4State::jammed:
    case printer::A4State::cover_open:
    case printer::A4State::stopped: return true;
    default: return false;
  }
}

void answer(Statement& screen, Statement::Answer answer, Context& context) {
  if (screen.stage != Statement::Stage::offer_receipt) return;
  if (answer == Statement::Answer::yes) {
    // A blocked job could still print once staff clear it: one statement, one paper.
    if (screen.a4_alive() && screen.job != 0) context.emit(effect::CancelA4Job{screen.job});
    start_job(screen, StatementPrinter::receipt, context);
    return;
  }
  if (screen.a4_alive()) {
    screen.stage = Statement::Stage::printing;
    screen.keep_waiting = true;
    return;
  }
  screen.stage = Statement::Stage::failed;
}

}  // namespace

void handle(Statement& screen, const Statement::Intent& intent, Context& context) {
  std::visit(overloaded{
                 [&](const Statement::Choose& chosen) {
                   if (screen.busy()) return;
                   choose(screen, chosen, context);
                 },
                 [&](const Statement::Step& step) {
                   if (!screen.can_step(step.bound, step.months)) return;
                   auto& end =
                       step.bound == Statement::Bound::from ? screen.period.from : screen.period.to;
                   end = add_months(end, step.months);
                 },
                 [&](const Statement::ChoosePrinter& choice) {
                   if (screen.stage != Statement::Stage::choosing) return;
                   if (!context.config().a4_printer) return;
                   screen.chosen = choice.printer;
                 },
                 [&](const Statement::Print&) {
                   if (!screen.range || screen.stage != Statement::Stage::choosing) return;
                   // Nothing to certify: the screen says so instead of offering to print.
                   const auto records = records_in(context.visit().bills, screen.period);
                   if (records.empty() || !sum_records(records)) return;
                   start_job(screen, screen.printer(context.config()), context);
                 },
                 [&](const Statement::UseReceipt& use) { answer(screen, use.answer, context); },
                 [&](const Statement::Back&) {
                   // A statement on its way to a printer keeps the person here until it
                   // has printed or failed, so that they see what became of it.
                   if (screen.busy()) return;
                   context.go(Menu{});
                 },
                 [&](const Statement::Again&) {
                   if (screen.busy()) return;
                   reset(screen);
                 },
             },
             intent);
}

void react(Statement& screen, const printer::StatementQueued& event, Context&) {
  // Reported at once, on the app's thread, for the effect this screen just emitted.
  if (screen.stage != Statement::Stage::printing || screen.job != 0) return;
  if (event.printer != screen.printing_on) return;
  screen.job = event.job;
  screen.number = event.number;
}

void react(Statement& screen, const printer::JobDone& event, Context& context) {
  if (screen.printing_on != StatementPrinter::receipt) return;
  if (screen.stage != Statement::Stage::printing || screen.job == 0 || event.job != screen.job) {
    return;
  }
  screen.stage = Statement::Stage::printed;
  context.speak("voice.statement_printed");
}

void react(Statement& screen, const printer::JobFailed& event, Context& context) {
  if (screen.printing_on != StatementPrinter::receipt) return;
  if (screen.stage != Statement::Stage::printing) return;
  // Job 0: it could not even be queued, which is reported before any number.
  if (event.job != screen.job) return;
  screen.stage = Statement::Stage::failed;
  screen.failure = event.failure;
  context.speak("voice.statement_failed");
}

void react(Statement& screen, const printer::A4Job& event, Context& context) {
  if (screen.printing_on != StatementPrinter::a4 || screen.a4_final) return;
  if (screen.stage != Statement::Stage::printing &&
      screen.stage != Statement::Stage::offer_receipt) {
    return;
  }
  // Job 0: it could not even be sent, which is reported before any number.
  if (event.job != screen.job) return;
  screen.a4 = event.state;
  screen.a4_pages = event.pages_done;
  screen.a4_final = event.final || event.state == printer::A4State::done;
  const bool asking = screen.stage == Statement::Stage::offer_receipt;
  if (event.state == printer::A4State::done) {
    screen.stage = Statement::Stage::printed;
    context.speak("voice.statement_printed");
  } else if (screen.a4_final) {
    screen.stage = Statement::Stage::offer_receipt;
    screen.keep_waiting = false;
    if (!asking) context.speak("voice.statement_a4_failed");
  } else if (blocked(event.state)) {
    if (!screen.keep_waiting) {
      screen.stage = Statement::Stage::offer_receipt;
      if (!asking) context.speak("voice.statement_a4_failed");
    }
  } else {
    // Staff cleared it, or it never stopped: the question goes away.
    screen.stage = Statement::Stage::printing;
  }
}

}  // namespace kiosk::core::screen
