// Reprint (补打): the serial number typed on the number pad, or a tap on one of the claims.
#include "kiosk/core/screens/staff_reprint.h"

#include <algorithm>

#include "kiosk/ui/number_pad.h"
#include "kiosk/ui/theme.h"
#include "staff_claim_rows.h"
#include "staff_parts.h"
#include "visit_parts.h"

namespace kiosk::ui {
namespace {
using Reprint = core::screen::StaffReprint;
}  // namespace

template <>
void draw_screen(const Reprint& screen, ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  Rect area = staff_frame(frame, screen, "staff.reprint");
  if (draw_staff_back(frame, area)) frame.add_intent(Reprint::Intent{Reprint::Back{}});
  draw_task_result(frame, area, screen);
  draw_line(frame, area, frame.text("staff.reprint_hint"), color::kTextMuted);

  const ImVec2 min_size = number_pad_min_size(layout);
  Rect pad_row =
      cut_top(area, std::min(area.height() * 0.5f, std::max(min_size.y, layout.mm(120.0f))));
  cut_top(area, layout.mm(5.0f));
  Rect pad = centred(
      pad_row,
      ImVec2(std::min(pad_row.width(), std::max(min_size.x, layout.mm(150.0f))), pad_row.height()));
  NumberPadLabels labels{frame.text("keypad.erase"), frame.text("keypad.clear"),
                         frame.text("keypad.confirm"), frame.text("staff.reprint_number")};
  if (auto key = number_pad("staff.reprint.keypad", pad, screen.number, labels, fonts, layout,
                            frame.rects())) {
    frame.add_intent(Reprint::Intent{Reprint::Key{*key}});
  }
  const auto& claims = frame.view().staff.claims;
  if (claims.empty()) return;
  draw_line(frame, area, frame.text("staff.reprint_today"), color::kText);
  if (auto tapped = draw_staff_claims(frame, "staff.reprint.claims", area, claims, {}, nullptr)) {
    frame.add_intent(Reprint::Intent{Reprint::Reprint{claims[*tapped].uuid}});
  }
}

}  // namespace kiosk::ui
