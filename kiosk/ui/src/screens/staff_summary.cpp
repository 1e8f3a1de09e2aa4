// 日结单 on screen: today's figures, and printing them.
#include "kiosk/core/screens/staff_summary.h"

#include "kiosk/ui/theme.h"
#include "staff_parts.h"
#include "visit_parts.h"

namespace kiosk::ui {
namespace {
using Summary = core::screen::StaffSummary;
}  // namespace

template <>
void draw_screen(const Summary& screen, ScreenFrame& frame) {
  const auto& day = frame.view().staff.day;
  Rect area = staff_frame(frame, screen, "staff.summary");
  if (draw_staff_back(frame, area)) frame.add_intent(Summary::Intent{Summary::Back{}});
  draw_task_result(frame, area, screen);
  draw_line(frame, area, fill(frame.text("staff.day_title"), fmt::arg("date", day.date)),
            color::kText);
  auto count = [&](int n) { return fill(frame.text("staff.count"), fmt::arg("count", n)); };
  auto pages = [&](int n) { return fill(frame.text("staff.pages"), fmt::arg("count", n)); };
  draw_value_line(frame, area, frame.text("staff.day_taken"), count(day.claims_taken),
                  color::kText);
  draw_value_line(frame, area, frame.text("staff.day_uploaded"), count(day.uploaded), color::kText);
  draw_value_line(frame, area, frame.text("staff.day_pending"), count(day.pending),
                  day.pending > 0 ? color::kWarning : color::kText);
  draw_value_line(frame, area, frame.text("staff.day_quarantined"), count(day.quarantined),
                  day.quarantined > 0 ? color::kWarning : color::kText);
  draw_value_line(frame, area, frame.text("staff.day_benefit"),
                  yuan(frame, day.estimated_benefit_fen), color::kText);
  draw_value_line(frame, area, frame.text("staff.day_receipts"), pages(day.receipts_printed),
                  color::kText);
  draw_value_line(frame, area, frame.text("staff.day_reprints"), pages(day.reprints), color::kText);
  draw_value_line(frame, area, frame.text("staff.day_statements"), pages(day.statements_printed),
                  color::kText);
  draw_value_line(frame, area, frame.text("staff.day_test_pages"), pages(day.test_pages),
                  color::kText);
  const int tool =
      draw_button_row(frame, area, "staff.summary.tools",
                      {frame.text("staff.print_summary"), frame.text("staff.refresh")});
  if (tool == 0) frame.add_intent(Summary::Intent{Summary::Print{}});
  if (tool == 1) frame.add_intent(Summary::Intent{Summary::Refresh{}});
}

}  // namespace kiosk::ui
