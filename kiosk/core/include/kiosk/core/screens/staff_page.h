#pragma once
// What every staff screen after sign-in shares: who signed in (every task is audited with
// their id), the last task's result (shown until the next), and whether one is running.
#include <optional>

#include <cstdint>
#include <string>
#include "kiosk/core/staff.h"

namespace kiosk::core {
class Context;

namespace screen {
struct StaffPage {
  static constexpr bool kStaff = true;
  StaffMember who;
  std::optional<TaskResult> last;
  bool busy = false;  // a task was asked for and has not answered yet
};

// Which claim a task is about: a uuid from a list, or a receipt's number typed by staff.
struct ClaimRef {
  std::string uuid;
  std::int64_t number = 0;
};
// Asks the app for TASK on behalf of the page's staff member; the page waits for its answer.
void run_task(StaffPage& page, StaffTask task, Context& context, ClaimRef claim = {});
// The app's answer to the last task.
void react(StaffPage& page, const TaskResult& done, Context& context);

// A staff page of type PAGE for the staff member signed in on FROM.
template <class Page>
Page staff_page(const StaffPage& from) {
  Page page;
  page.who = from.who;
  return page;
}
}  // namespace screen
}  // namespace kiosk::core
