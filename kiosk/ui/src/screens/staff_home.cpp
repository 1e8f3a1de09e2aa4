// The staff menu: four pages as large buttons with a line each, the queue's figures, and
// the export, the out-of-service switch and leaving along the bottom.
#include "kiosk/core/screens/staff_home.h"

#include <algorithm>

#include "kiosk/ui/theme.h"
#include "staff_parts.h"

namespace kiosk::ui {
namespace {
using Home = core::screen::StaffHome;

struct Entry {
  Home::Page page;
  const char* id;
  const char* title;
  const char* line;
};
constexpr Entry kEntries[] = {
    {Home::Page::queue, "staff.menu.queue", "staff.queue", "staff.queue_line"},
    {Home::Page::reprint, "staff.menu.reprint", "staff.reprint", "staff.reprint_line"},
    {Home::Page::devices, "staff.menu.devices", "staff.devices", "staff.devices_line"},
    {Home::Page::summary, "staff.menu.summary", "staff.summary", "staff.summary_line"},
};

}  // namespace

template <>
void draw_screen(const Home& screen, ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const auto& queue = frame.view().queue;
  Rect area = staff_frame(frame, screen, {});
  draw_task_result(frame, area, screen);
  if (frame.session().out_of_service()) {
    const TextStyle style{fonts.body, color::kWarning, TextAlign::centre};
    const auto& closed = frame.text("staff.closed_now");
    draw_text(frame.draw(), closed, cut_top(area, measure_text(closed, area.width(), style)),
              style);
    cut_top(area, layout.mm(4.0f));
  }

  // Bottom up: leave, then the export and the switch.
  Rect leave = cut_bottom(area, std::max(layout.mm(25.0f), layout.touch_target()));
  cut_bottom(area, layout.mm(5.0f));
  if (frame.button("staff.leave", frame.text("staff.leave"), leave, ButtonKind::primary,
                   fonts.heading)) {
    frame.add_intent(Home::Intent{Home::Leave{}});
  }
  Rect tools = cut_bottom(area, std::max(layout.mm(25.0f), layout.touch_target()));
  cut_bottom(area, layout.mm(8.0f));
  auto columns = layout.columns(tools, 2, 6.0f);
  if (frame.button("staff.export", frame.text("staff.export"), columns[0], ButtonKind::secondary,
                   fonts.body)) {
    frame.add_intent(Home::Intent{Home::Export{}});
  }
  const bool closed = frame.session().out_of_service();
  if (frame.button("staff.service",
                   frame.text(closed ? "staff.open_terminal" : "staff.close_terminal"), columns[1],
                   closed ? ButtonKind::primary : ButtonKind::secondary, fonts.body)) {
    frame.add_intent(
        Home::Intent{Home::SetService{closed ? core::Service::open : core::Service::closed}});
  }

  const float gap = layout.mm(5.0f);
  const float tile_h =
      std::clamp((area.height() - 3 * gap) / 4.0f, layout.touch_target() * 1.6f, layout.mm(55.0f));
  for (const auto& entry : kEntries) {
    Rect rect = cut_top(area, tile_h);
    cut_top(area, gap);
    if (frame.button(entry.id, "", rect, ButtonKind::secondary, fonts.body)) {
      frame.add_intent(Home::Intent{Home::Open{entry.page}});
    }
    Rect inner = inset(rect, layout.mm(8.0f), layout.mm(4.0f));
    const std::string line = entry.page == Home::Page::queue
                                 ? fill(frame.text(entry.line), fmt::arg("pending", queue.pending),
                                        fmt::arg("quarantined", queue.quarantined))
                                 : frame.text(entry.line);
    const TextStyle title{fonts.heading, color::kPrimary};
    const TextStyle body{fonts.body, entry.page == Home::Page::queue && queue.quarantined > 0
                                         ? color::kWarning
                                         : color::kTextMuted};
    const float h = measure_text(frame.text(entry.title), inner.width(), title) +
                    measure_text(line, inner.width(), body);
    Rect text = centred(inner, ImVec2(inner.width(), h));
    cut_top(text, draw_text(frame.draw(), frame.text(entry.title), text, title));
    draw_text(frame.draw(), line, text, body);
  }
}

}  // namespace kiosk::ui
