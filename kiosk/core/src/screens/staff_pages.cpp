// The staff pages after sign-in: each asks the app for a task on behalf of the staff member
// and shows its answer; Back returns to the staff menu, Leave closes staff mode.
#include <charconv>

#include "kiosk/core/context.h"
#include "kiosk/core/overloaded.h"
#include "kiosk/core/screen.h"

namespace kiosk::core::screen {
namespace {

void back_to_menu(const StaffPage& page, Context& context) {
  context.go(staff_page<StaffHome>(page));
}

}  // namespace

void run_task(StaffPage& page, StaffTask task, Context& context, ClaimRef claim) {
  page.busy = true;
  page.last.reset();
  context.emit(effect::StaffAction{task, page.who.staff_id, std::move(claim.uuid), claim.number});
}

void react(StaffPage& page, const TaskResult& done, Context&) {
  page.busy = false;
  // Sign-in, sign-out and refreshes are for the audit log and the figures, not for the page.
  if (done.task == StaffTask::sign_in || done.task == StaffTask::sign_out) return;
  if (done.task == StaffTask::refresh && done.outcome == TaskOutcome::done) return;
  page.last = done;
}

void handle(StaffHome& screen, const StaffHome::Intent& intent, Context& context) {
  std::visit(
      overloaded{
          [&](const StaffHome::Open& open) {
            switch (open.page) {
              case StaffHome::Page::queue: context.go(staff_page<StaffQueue>(screen)); break;
              case StaffHome::Page::reprint: context.go(staff_page<StaffReprint>(screen)); break;
              case StaffHome::Page::devices: context.go(staff_page<StaffDevices>(screen)); break;
              case StaffHome::Page::summary: context.go(staff_page<StaffSummary>(screen)); break;
            }
            // The page shows the app's figures as they are now.
            context.emit(effect::StaffAction{StaffTask::refresh, screen.who.staff_id, {}, 0});
          },
          [&](const StaffHome::SetService& set) {
            run_task(screen,
                     set.service == Service::closed ? StaffTask::close_terminal
                                                    : StaffTask::open_terminal,
                     context);
          },
          [&](const StaffHome::Export&) {
            run_task(screen, StaffTask::export_diagnostics, context);
          },
          [&](const StaffHome::Leave&) { context.go(Attract{}); },
      },
      intent);
}

void handle(StaffQueue& screen, const StaffQueue::Intent& intent, Context& context) {
  std::visit(overloaded{
                 [&](const StaffQueue::Requeue& requeue) {
                   run_task(screen, StaffTask::requeue, context, {requeue.claim_uuid, 0});
                 },
                 [&](const StaffQueue::Refresh&) { run_task(screen, StaffTask::refresh, context); },
                 [&](const StaffQueue::Back&) { back_to_menu(screen, context); },
             },
             intent);
}

void handle(StaffReprint& screen, const StaffReprint::Intent& intent, Context& context) {
  std::visit(overloaded{
                 [&](const StaffReprint::Key& key) {
                   if (screen.number.press(key.key) != KeypadResult::confirmed) return;
                   const auto typed = screen.number.value();
                   std::int64_t number = 0;
                   const auto& digits = typed.reveal();
                   std::from_chars(digits.data(), digits.data() + digits.size(), number);
                   screen.number.wipe();
                   run_task(screen, StaffTask::reprint, context, {{}, number});
                 },
                 [&](const StaffReprint::Reprint& reprint) {
                   run_task(screen, StaffTask::reprint, context, {reprint.claim_uuid, 0});
                 },
                 [&](const StaffReprint::Back&) { back_to_menu(screen, context); },
             },
             intent);
}

void handle(StaffDevices& screen, const StaffDevices::Intent& intent, Context& context) {
  std::visit(
      overloaded{
          [&](const StaffDevices::TestPage&) {
            run_task(screen, StaffTask::printer_test_page, context);
          },
          [&](const StaffDevices::ReaderSelfTest&) {
            run_task(screen, StaffTask::reader_self_test, context);
          },
          [&](const StaffDevices::Refresh&) { run_task(screen, StaffTask::refresh, context); },
          [&](const StaffDevices::Back&) { back_to_menu(screen, context); },
      },
      intent);
}

void handle(StaffSummary& screen, const StaffSummary::Intent& intent, Context& context) {
  std::visit(
      overloaded{
          [&](const StaffSummary::Print&) {
            run_task(screen, StaffTask::print_day_summary, context);
          },
          [&](const StaffSummary::Refresh&) { run_task(screen, StaffTask::refresh, context); },
          [&](const StaffSummary::Back&) { back_to_menu(screen, context); },
      },
      intent);
}

}  // namespace kiosk::core::screen
