// Staff sign-in: the PIN on the number pad (dots only), what the check said, and cancel.
#include "kiosk/core/screens/staff_pin.h"

#include <algorithm>

#include "../screen_frame.h"
#include "kiosk/ui/number_pad.h"
#include "kiosk/ui/theme.h"
#include "visit_parts.h"

namespace kiosk::ui {
namespace {
using StaffPin = core::screen::StaffPin;

// The line under the title: what to do, or what the last check said.
std::string status_line(const ScreenFrame& frame, const StaffPin& screen) {
  switch (screen.state) {
    case StaffPin::State::typing: return frame.text("staff.pin_hint");
    case StaffPin::State::too_short: return frame.text("staff.pin_too_short");
    case StaffPin::State::checking: return frame.text("staff.pin_checking");
    case StaffPin::State::wrong:
      return fill(frame.text("staff.pin_wrong"), fmt::arg("attempts", screen.attempts_left));
    case StaffPin::State::locked: {
      const auto minutes = std::max<long>(1, (screen.locked_for.count() + 59) / 60);
      return fill(frame.text("staff.pin_locked"), fmt::arg("minutes", minutes));
    }
    case StaffPin::State::unavailable: return frame.text("staff.pin_unavailable");
  }
  return {};
}

}  // namespace

template <>
void draw_screen(const StaffPin& screen, ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  Rect area = frame.brand_bar();
  draw_title(frame, area, "staff.pin_title");
  const bool trouble =
      screen.state != StaffPin::State::typing && screen.state != StaffPin::State::checking;
  draw_line(frame, area, status_line(frame, screen), trouble ? color::kWarning : color::kTextMuted);

  Rect cancel_row = cut_bottom(area, std::max(layout.mm(25.0f), layout.touch_target()));
  cut_bottom(area, layout.mm(6.0f));
  if (frame.button("staff.cancel", frame.text("staff.cancel"), cancel_row, ButtonKind::secondary,
                   fonts.heading)) {
    frame.add_intent(StaffPin::Intent{StaffPin::Cancel{}});
  }
  const ImVec2 min_size = number_pad_min_size(layout);
  Rect pad = centred(area, ImVec2(std::min(area.width(), std::max(min_size.x, layout.mm(150.0f))),
                                  std::min(area.height(), layout.mm(180.0f))));
  NumberPadLabels labels{frame.text("keypad.erase"), frame.text("keypad.clear"),
                         frame.text("keypad.confirm"), frame.text("staff.pin_empty")};
  if (auto key = number_pad("staff.pin", pad, screen.pin, labels, fonts, layout, frame.rects())) {
    frame.add_intent(StaffPin::Intent{StaffPin::Key{*key}});
  }
}

}  // namespace kiosk::ui
