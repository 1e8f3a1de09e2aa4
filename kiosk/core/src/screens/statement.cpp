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
  screen.stage = Statement::Stage::choosing;
  screen.failure.reset();
  context.speak("voice.statement_totals");
}

}  // namespace

year_month Statement::earliest() const {
  return (this_month.year() - years{kYearsBack}) / January;
}

bool Statement::can_step(Bound bound, int count) const {
  if (range != Range::months || stage == Stage::printing) return false;
  const auto from = bound == Bound::from ? add_months(period.from, count) : period.from;
  const auto to = bound == Bound::to ? add_months(period.to, count) : period.to;
  return from <= to && from >= earliest() && to <= this_month;
}

void handle(Statement& screen, const Statement::Intent& intent, Context& context) {
  std::visit(overloaded{
                 [&](const Statement::Choose& chosen) {
                   if (screen.stage == Statement::Stage::printing) return;
                   choose(screen, chosen, context);
                 },
                 [&](const Statement::Step& step) {
                   if (!screen.can_step(step.bound, step.months)) return;
                   auto& end =
                       step.bound == Statement::Bound::from ? screen.period.from : screen.period.to;
                   end = add_months(end, step.months);
                 },
                 [&](const Statement::Print&) {
                   if (!screen.range || screen.stage != Statement::Stage::choosing) return;
                   // Nothing to certify: the screen says so instead of offering to print.
                   const auto records = records_in(context.visit().bills, screen.period);
                   if (records.empty() || !sum_records(records)) return;
                   screen.stage = Statement::Stage::printing;
                   screen.job = 0;
                   screen.failure.reset();
                   context.emit(effect::PrintStatement{screen.period});
                   context.speak("voice.statement_printing");
                 },
                 [&](const Statement::Back&) {
                   // A statement on its way to the printer keeps the person here until it
                   // has printed or failed, so that they see what became of it.
                   if (screen.stage == Statement::Stage::printing) return;
                   context.go(Menu{});
                 },
                 [&](const Statement::Again&) {
                   if (screen.stage == Statement::Stage::printing) return;
                   screen.stage = Statement::Stage::choosing;
                   screen.failure.reset();
                   screen.job = 0;
                 },
             },
             intent);
}

void react(Statement& screen, const printer::JobQueued& event, Context&) {
  // Reported at once, on the app's thread, for the effect this screen just emitted.
  if (screen.stage == Statement::Stage::printing && screen.job == 0) screen.job = event.job;
}

void react(Statement& screen, const printer::JobDone& event, Context& context) {
  if (screen.stage != Statement::Stage::printing || screen.job == 0 || event.job != screen.job) {
    return;
  }
  screen.stage = Statement::Stage::printed;
  context.speak("voice.statement_printed");
}

void react(Statement& screen, const printer::JobFailed& event, Context& context) {
  if (screen.stage != Statement::Stage::printing) return;
  // Job 0: it could not even be queued, which is reported before any number.
  if (event.job != screen.job) return;
  screen.stage = Statement::Stage::failed;
  screen.failure = event.failure;
  context.speak("voice.statement_failed");
}

}  // namespace kiosk::core::screen
