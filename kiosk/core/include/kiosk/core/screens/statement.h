#pragma once
// The personal-share statement (医疗费用个人承担证明单): the person chooses a period (this
// year, last year, or whole months from-to with steppers), sees the records and totals in it,
// and prints it on the receipt printer. The records live in the Visit; this screen holds only
// the choice and where printing stands. Printing is effect::PrintStatement; the app answers
// with printer::JobQueued, then printer::JobDone or printer::JobFailed.
#include <chrono>
#include <cstdint>
#include <optional>
#include <variant>

#include "kiosk/core/date.h"
#include "kiosk/core/screens/statement_period.h"

namespace kiosk::core {
class Context;
namespace printer {
enum class JobFailure : std::uint8_t;
struct JobQueued;
struct JobDone;
struct JobFailed;
}  // namespace printer

namespace screen {
struct Statement {
  static constexpr const char* kName = "statement";
  // How far back the from-to steppers go: the insurer keeps records this many years.
  static constexpr int kYearsBack = 5;

  enum class Range { this_year, last_year, months };
  enum class Stage { choosing, printing, printed, failed };
  enum class Bound { from, to };

  std::optional<Range> range;            // nothing chosen yet: no totals shown
  StatementPeriod period;                // the chosen period, whole months
  std::chrono::year_month this_month{};  // when the choice was made: the steppers' end
  Stage stage = Stage::choosing;
  std::uint64_t job = 0;                       // the printer's job, once queued
  std::optional<printer::JobFailure> failure;  // why it did not print (stage failed)

  // TODAY comes from the terminal's wall clock, which the screen reads.
  struct Choose {
    Range range = Range::this_year;
    Date today{};
  };
  // Moves one end of a from-to period by MONTHS (the steppers send +1 or -1).
  struct Step {
    Bound bound = Bound::from;
    int months = 1;
  };
  struct Print {};
  struct Back {};   // to the menu
  struct Again {};  // after printed or failed: choose another period
  using Intent = std::variant<Choose, Step, Print, Back, Again>;

  // Where the steppers may go: kYearsBack years before this month's January up to this month.
  std::chrono::year_month earliest() const;
  bool can_step(Bound bound, int months) const;
};

void handle(Statement& screen, const Statement::Intent& intent, Context& context);
void react(Statement& screen, const printer::JobQueued& event, Context& context);
void react(Statement& screen, const printer::JobDone& event, Context& context);
void react(Statement& screen, const printer::JobFailed& event, Context& context);
}  // namespace screen
}  // namespace kiosk::core
