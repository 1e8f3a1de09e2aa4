#include "staff_parts.h"

#include <algorithm>

#include "kiosk/ui/theme.h"
#include "visit_parts.h"

namespace kiosk::ui {
namespace {

// The result's words: a catalogue string per task, or the failure with its detail.
std::string result_text(const ScreenFrame& frame, const core::TaskResult& result) {
  using core::StaffTask;
  switch (result.outcome) {
    case core::TaskOutcome::failed:
      return fill(frame.text("staff.failed"), fmt::arg("detail", result.detail));
    case core::TaskOutcome::not_found:
      return fill(frame.text("staff.not_found"), fmt::arg("detail", result.detail));
    case core::TaskOutcome::done: break;
  }
  const char* key = "staff.done";
  switch (result.task) {
    case StaffTask::requeue: key = "staff.requeued"; break;
    case StaffTask::reprint: key = "staff.reprinted"; break;
    case StaffTask::printer_test_page: key = "staff.test_page_done"; break;
    case StaffTask::reader_self_test: key = "staff.self_test_done"; break;
    case StaffTask::export_diagnostics: key = "staff.exported"; break;
    case StaffTask::print_day_summary: key = "staff.summary_printed"; break;
    default: break;
  }
  return fill(frame.text(key), fmt::arg("detail", result.detail));
}

}  // namespace

Rect staff_frame(ScreenFrame& frame, const core::screen::StaffPage& page,
                 std::string_view title_key) {
  Rect area = frame.brand_bar();
  const auto& fonts = frame.fonts();
  const auto who = fill(frame.text("staff.title"), fmt::arg("staff", page.who.staff_id));
  cut_top(area, frame.layout().mm(3.0f));
  cut_top(area, text_centered(frame.draw(), title_key.empty() ? fonts.heading : fonts.body, who,
                              area.min, area.width(), color::kTextMuted));
  if (!title_key.empty()) {
    draw_title(frame, area, title_key);
  } else {
    cut_top(area, frame.layout().mm(5.0f));
  }
  return area;
}

void draw_task_result(ScreenFrame& frame, Rect& area, const core::screen::StaffPage& page) {
  // Two lines are kept for it whether or not there is a result: what sits below must not
  // move under a finger when a result appears.
  const float height = frame.fonts().body->FontSize * kLineSpacing * 2.0f;
  Rect slot = cut_top(area, height);
  cut_top(area, frame.layout().mm(2.0f));
  std::string text;
  ImU32 tone = color::kTextMuted;
  if (page.busy) {
    text = frame.text("staff.busy");
  } else if (page.last) {
    text = result_text(frame, *page.last);
    tone = page.last->outcome == core::TaskOutcome::done ? color::kPrimary : color::kWarning;
  }
  if (!text.empty())
    draw_text(frame.draw(), text, slot, TextStyle{frame.fonts().body, tone, TextAlign::centre});
}

void draw_value_line(ScreenFrame& frame, Rect& area, std::string_view label, std::string_view value,
                     ImU32 color) {
  const auto& fonts = frame.fonts();
  const float half = area.width() * 0.42f;
  const TextStyle value_style{fonts.body, color};
  const float h = std::max(measure_text(label, half, TextStyle{fonts.body}),
                           measure_text(value, area.width() - half, value_style));
  Rect line = cut_top(area, h);
  draw_text(frame.draw(), label, cut_left(line, half), TextStyle{fonts.body, color::kTextMuted});
  draw_text(frame.draw(), value, line, value_style);
  cut_top(area, frame.layout().mm(2.0f));
}

bool draw_staff_back(ScreenFrame& frame, Rect& area) {
  const Layout& layout = frame.layout();
  Rect row = cut_bottom(area, std::max(layout.mm(25.0f), layout.touch_target()));
  cut_bottom(area, layout.mm(5.0f));
  return frame.button("staff.back", frame.text("staff.back"), row, ButtonKind::secondary,
                      frame.fonts().heading);
}

int draw_button_row(ScreenFrame& frame, Rect& area, std::string_view id_prefix,
                    std::initializer_list<std::string_view> labels) {
  const Layout& layout = frame.layout();
  Rect row = cut_top(area, std::max(layout.mm(22.0f), layout.touch_target()));
  cut_top(area, layout.mm(5.0f));
  auto columns = layout.columns(row, static_cast<int>(labels.size()), 6.0f);
  int tapped = -1;
  int i = 0;
  for (auto label : labels) {
    if (frame.button(fmt::format("{}/{}", id_prefix, i), label, columns[i], ButtonKind::secondary,
                     frame.fonts().body)) {
      tapped = i;
    }
    ++i;
  }
  return tapped;
}

}  // namespace kiosk::ui
