#pragma once
// Staff mode's vocabulary: who signed in, the tasks staff ask of the app, and how each went.
// The session decides which screen shows; the app performs each task, writes it to the audit
// log with the staff member's id, and answers with staff::TaskDone (kiosk/core/inputs.h).
#include <cstdint>
#include <string>

namespace kiosk::core {

// The staff member whose PIN opened staff mode: an id from the server's config.
struct StaffMember {
  std::string staff_id;
};

enum class StaffTask : std::uint8_t {
  sign_in,             // staff mode opened (audit only)
  sign_out,            // staff mode closed: leave, idle, home (audit only)
  refresh,             // read the queue, devices and day figures again
  requeue,             // send a quarantined claim again (claim_uuid)
  reprint,             // print a claim's receipt again, marked 补打 (claim_uuid or claim_number)
  printer_test_page,   // print the printer's test page
  reader_self_test,    // ask the ID-card reader for its state
  export_diagnostics,  // logs, queue, config version, device states to a folder; no personal data
  print_day_summary,   // 日结单 on the receipt printer
  close_terminal,      // out of service: the attract screen says so, uploads go on
  open_terminal,       // back in service
};

enum class TaskOutcome : std::uint8_t {
  done,
  failed,     // detail: what went wrong, for the screen and the log
  not_found,  // no claim with that number or uuid
};

// How a staff task went: the app's answer (staff::TaskDone), kept on the staff screen.
struct TaskResult {
  StaffTask task = StaffTask::refresh;
  TaskOutcome outcome = TaskOutcome::done;
  std::string detail;  // a claim number, a job, a folder, or what failed; never personal data
};

// Whether the terminal takes visits. Kept by the app across restarts.
enum class Service : std::uint8_t { open, closed };

// Stable names for the log and the audit entries ("reprint").
const char* to_string(StaffTask task);
const char* to_string(TaskOutcome outcome);

}  // namespace kiosk::core
