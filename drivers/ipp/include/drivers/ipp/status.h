#pragma once
// What an IPP printer and a job on it report, and what that means for the person waiting:
// the raw IPP values (states, reason keywords) and one typed JobStatus with a message a
// worker or staff member can act on. Pure: no I/O.
#include <string>
#include <string_view>
#include <vector>

namespace drivers::ipp {

enum class PrinterState { idle, processing, stopped, unknown };  // printer-state 3, 4, 5
std::string_view to_string(PrinterState state);

struct PrinterStatus {
  PrinterState state = PrinterState::unknown;
  std::vector<std::string> reasons;  // printer-state-reasons as sent, "none" left out
  std::string message;               // printer-state-message, may be empty
  bool accepting_jobs = true;        // printer-is-accepting-jobs
};

// The IPP job-state enum (RFC 8011 5.3.7).
enum class IppJobState {
  pending = 3,
  pending_held = 4,
  processing = 5,
  processing_stopped = 6,
  canceled = 7,
  aborted = 8,
  completed = 9,
};

struct JobAttributes {
  IppJobState state = IppJobState::pending;
  std::vector<std::string> reasons;  // job-state-reasons, "none" left out
  std::string message;               // job-state-message
  int pages_done = 0;                // job-impressions-completed
};

enum class JobStatus {
  pending,       // accepted, waiting for its turn
  processing,    // printing
  done,          // completed
  paper_out,     // waiting: media-empty / media-needed
  jammed,        // waiting: media-jam
  cover_open,    // waiting: cover-open / door-open / interlock-open
  stopped,       // waiting: the printer or the job is stopped or paused
  printer_gone,  // the printer stopped answering
  canceled,      // cancelled (at the printer, by staff, or by us after a stall)
  aborted,       // the printer gave up on the job
  timed_out,     // not finished in the time allowed; we cancelled it
  refused,       // the printer would not take the job (not accepting, format, attributes)
};
std::string_view to_string(JobStatus status);  // "paper_out", ...

// True for a status that holds the job without ending it: a person can clear it.
bool is_blocked(JobStatus status);

// A printer-state-reasons keyword without its "-error"/"-warning"/"-report" suffix.
std::string_view reason_keyword(std::string_view reason);
// Whether the printer reports `keyword` (suffix ignored; "-report" entries do not count:
// they are information, not a condition).
bool has_reason(const PrinterStatus& printer, std::string_view keyword);

// The job's status from its own state and the printer's: a completed job is done whatever
// the printer says; a job not yet finished is blocked by the printer's condition.
JobStatus classify(const JobAttributes& job, const PrinterStatus& printer);

// One sentence for the status, naming the printer (`where`) when that helps.
std::string describe(JobStatus status, const JobAttributes& job, const PrinterStatus& printer,
                     std::string_view where);

}  // namespace drivers::ipp
