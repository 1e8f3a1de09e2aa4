// After the claim is saved: its number in large digits, and an honest line on where it is:
// at the central server (已提交), or kept on this terminal to upload by itself (待上传).
#include "kiosk/core/screens/claim_done.h"

#include "../screen_frame.h"
#include "kiosk/ui/theme.h"

namespace kiosk::ui {

template <>
void draw_screen(const core::screen::ClaimDone& done, ScreenFrame& frame) {
  using Done = core::screen::ClaimDone;
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  Rect area = frame.brand_bar();

  // Bottom: "another service" and "finish".
  Rect row = cut_bottom(area, std::max(layout.mm(25.0f), layout.touch_target()));
  auto columns = layout.columns(row, 2, 8.0f);
  if (frame.button("done.menu", frame.text("done.menu"), columns[0], ButtonKind::secondary,
                   fonts.heading)) {
    frame.add_intent(Done::Intent{Done::ToMenu{}});
  }
  if (frame.button("done.finish", frame.text("done.finish"), columns[1], ButtonKind::primary,
                   fonts.heading)) {
    frame.add(core::PersonInput{core::person::GoHome{}});
  }

  cut_top(area, layout.mm(15.0f));
  const float mark = layout.mm(28.0f);
  Rect circle = centred(cut_top(area, mark), ImVec2(mark, mark));
  const ImU32 tone = done.uploaded ? color::kSuccess : color::kPrimary;
  frame.draw().AddCircleFilled(circle.centre(), mark * 0.5f, tone);
  frame.draw().AddPolyline(
      std::array{ImVec2(circle.min.x + mark * 0.27f, circle.centre().y),
                 ImVec2(circle.min.x + mark * 0.44f, circle.max.y - mark * 0.3f),
                 ImVec2(circle.max.x - mark * 0.25f, circle.min.y + mark * 0.32f)}
          .data(),
      3, color::kOnBrand, 0, mark * 0.08f);
  cut_top(area, layout.mm(8.0f));
  auto line = [&](const std::string& text, ImFont* font, ImU32 color) {
    cut_top(area, text_centered(frame.draw(), font, text, area.min, area.width(), color));
    cut_top(area, layout.mm(4.0f));
  };
  line(frame.text(done.uploaded ? "done.submitted" : "done.pending"), fonts.heading, tone);
  line(fill(frame.text("done.number"), fmt::arg("number", done.short_id)), fonts.display,
       color::kText);
  line(frame.text(done.uploaded ? "done.submitted_line" : "done.pending_line"), fonts.body,
       color::kTextMuted);
  switch (done.receipt) {
    case Done::Receipt::printing:
      line(frame.text("done.receipt_printing"), fonts.body, color::kTextMuted);
      break;
    case Done::Receipt::printed:
      line(frame.text("done.receipt_printed"), fonts.body, color::kTextMuted);
      break;
    case Done::Receipt::failed:
      line(frame.text("done.receipt_failed"), fonts.body, color::kWarning);
      break;
  }
}

}  // namespace kiosk::ui
