// The upload queue for staff: the figures, then every claim with its state; a refused claim
// is sent again with a tap on its row (its reason is shown above the tap).
#include "kiosk/core/screens/staff_queue.h"

#include "kiosk/ui/theme.h"
#include "staff_claim_rows.h"
#include "staff_parts.h"
#include "visit_parts.h"

namespace kiosk::ui {
namespace {
using Queue = core::screen::StaffQueue;

std::string age_text(std::chrono::seconds age) {
  const auto minutes = age.count() / 60;
  if (minutes < 1) return fmt::format("{} s", age.count());
  if (minutes < 120) return fmt::format("{} min", minutes);
  return fmt::format("{} h {} min", minutes / 60, minutes % 60);
}

bool refused(const StaffClaimRow& row) {
  return row.upload == core::UploadState::quarantined;
}

}  // namespace

template <>
void draw_screen(const Queue& screen, ScreenFrame& frame) {
  const auto& queue = frame.view().queue;
  const auto& staff = frame.view().staff;
  Rect area = staff_frame(frame, screen, "staff.queue");
  if (draw_staff_back(frame, area)) frame.add_intent(Queue::Intent{Queue::Back{}});
  draw_task_result(frame, area, screen);
  const auto& none = frame.text("staff.queue_none");
  draw_value_line(frame, area, frame.text("staff.queue_pending"),
                  fill(frame.text("staff.count"), fmt::arg("count", queue.pending)), color::kText);
  draw_value_line(frame, area, frame.text("staff.queue_quarantined"),
                  fill(frame.text("staff.count"), fmt::arg("count", queue.quarantined)),
                  queue.quarantined > 0 ? color::kWarning : color::kText);
  draw_value_line(frame, area, frame.text("staff.queue_oldest"),
                  queue.oldest_pending_age ? age_text(*queue.oldest_pending_age) : none,
                  color::kText);
  draw_value_line(frame, area, frame.text("staff.queue_last_success"),
                  staff.last_success.empty() ? none : staff.last_success, color::kText);
  draw_value_line(frame, area, frame.text("staff.queue_last_error"),
                  queue.last_error_class.empty() ? none : queue.last_error_class,
                  queue.last_error_class.empty() ? color::kText : color::kWarning);
  if (draw_button_row(frame, area, "staff.queue.tools", {frame.text("staff.refresh")}) == 0) {
    frame.add_intent(Queue::Intent{Queue::Refresh{}});
  }
  if (staff.claims.empty()) {
    draw_line(frame, area, frame.text("staff.queue_empty"), color::kTextMuted);
    return;
  }
  auto tapped = draw_staff_claims(frame, "staff.queue.claims", area, staff.claims,
                                  frame.text("staff.row_requeue"), &refused);
  if (tapped && refused(staff.claims[*tapped])) {
    frame.add_intent(Queue::Intent{Queue::Requeue{staff.claims[*tapped].uuid}});
  }
}

}  // namespace kiosk::ui
