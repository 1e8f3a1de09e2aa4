#include "kiosk/core/staff.h"

namespace kiosk::core {

const char* to_string(StaffTask task) {
  switch (task) {
    case StaffTask::sign_in: return "sign_in";
    case StaffTask::sign_out: return "sign_out";
    case StaffTask::refresh: return "refresh";
    case StaffTask::requeue: return "requeue";
    case StaffTask::reprint: return "reprint";
    case StaffTask::printer_test_page: return "printer_test_page";
    case StaffTask::reader_self_test: return "reader_self_test";
    case StaffTask::export_diagnostics: return "export_diagnostics";
    case StaffTask::print_day_summary: return "print_day_summary";
    case StaffTask::close_terminal: return "close_terminal";
    case StaffTask::open_terminal: return "open_terminal";
  }
  return "?";
}

const char* to_string(TaskOutcome outcome) {
  switch (outcome) {
    case TaskOutcome::done: return "done";
    case TaskOutcome::failed: return "failed";
    case TaskOutcome::not_found: return "not_found";
  }
  return "?";
}

}  // namespace kiosk::core
