#pragma once
// The personal-share statement (医疗费用个人承担证明单): the person chooses a period (this
// year, last year, or whole months from-to with steppers), sees the records and totals in it,
// and prints it: on the A4 printer when the terminal has one (the default there), or on the
// receipt printer. The records live in the Visit; this screen holds only the choice and where
// printing stands. Printing is effect::PrintStatement; the app answers with
// printer::StatementQueued (job and verification number), then JobDone/JobFailed from the
// receipt printer or A4Job reports from the A4 printer. When the A4 printer cannot print
// (a final failure, or a condition such as paper out that staff must clear) the person is
// asked whether to print on the receipt printer instead, and only a yes prints there.
// Leaving the visit mid-job: the session's WipePersonalData, on which the app cancels the job.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "kiosk/core/date.h"
#include "kiosk/core/screens/statement_period.h"
#include "kiosk/core/screens/statement_printer.h"

namespace kiosk::core {
class Context;
struct SessionConfig;
namespace printer {
enum class JobFailure : std::uint8_t;
enum class A4State : std::uint8_t;
struct JobDone;
struct JobFailed;
struct StatementQueued;
struct A4Job;
}  // namespace printer

namespace screen {
struct Statement {
  static constexpr const char* kName = "statement";
  static constexpr const char* kVoice = "voice.statement";  // spoken when it appears
  // How far back the from-to steppers go: the insurer keeps records this many years.
  static constexpr int kYearsBack = 5;

  enum class Range { this_year, last_year, months };
  // offer_receipt: the A4 printer could not print; the person is asked about the receipt printer.
  enum class Stage { choosing, printing, offer_receipt, printed, failed };
  enum class Bound { from, to };
  enum class Answer { yes, no };

  std::optional<Range> range;            // nothing chosen yet: no totals shown
  StatementPeriod period;                // the chosen period, whole months
  std::chrono::year_month this_month{};  // when the choice was made: the steppers' end
  // The person's choice of paper; only A4 terminals offer one (SessionConfig::a4_printer).
  StatementPrinter chosen = StatementPrinter::a4;
  Stage stage = Stage::choosing;
  StatementPrinter printing_on = StatementPrinter::receipt;  // the current job's printer
  std::uint64_t job = 0;                                     // the printer's job, once queued
  std::string number;                          // the job's verification number, once queued
  std::optional<printer::JobFailure> failure;  // why the receipt printer did not print
  printer::A4State a4{};                       // the A4 job's last report (sending at first)
  int a4_pages = 0;                            // pages the A4 printer has printed
  bool a4_final = false;                       // the A4 job is over (done or failed)
  bool keep_waiting = false;  // the person chose to wait for a blocked A4 job: not asked again

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
  struct ChoosePrinter {
    StatementPrinter printer = StatementPrinter::a4;
  };
  struct Print {};
  // The answer to "print on the receipt printer instead?" (stage offer_receipt). No to a job
  // that may still clear keeps waiting for it; no to one that is over ends at failed.
  struct UseReceipt {
    Answer answer = Answer::no;
  };
  struct Back {};   // to the menu
  struct Again {};  // after printed or failed: choose another period
  using Intent = std::variant<Choose, Step, ChoosePrinter, Print, UseReceipt, Back, Again>;

  // Where the steppers may go: kYearsBack years before this month's January up to this month.
  std::chrono::year_month earliest() const;
  bool can_step(Bound bound, int months) const;
  // The printer Print uses: the choice on an A4 terminal, else the receipt printer.
  StatementPrinter printer(const SessionConfig& config) const;
  // A job is on its way (the person stays until it printed or failed).
  bool busy() const;
  // The A4 job may still print: it is not over (a blocked job waits for staff).
  bool a4_alive() const { return printing_on == StatementPrinter::a4 && !a4_final; }
};

void handle(Statement& screen, const Statement::Intent& intent, Context& context);
void react(Statement& screen, const printer::StatementQueued& event, Context& context);
void react(Statement& screen, const printer::JobDone& event, Context& context);
void react(Statement& screen, const printer::JobFailed& event, Context& context);
void react(Statement& screen, const printer::A4Job& event, Context& context);
}  // namespace screen
}  // namespace kiosk::core
