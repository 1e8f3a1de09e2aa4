// The claim wizard: one step at a time, large, with "previous" and "next" always in the same
// place at the bottom and a plain line saying what is missing when a step cannot go on.
#include "kiosk/core/screens/claim_form.h"

#include "../screen_frame.h"
#include "claim_steps.h"
#include "kiosk/ui/theme.h"

namespace kiosk::ui {
namespace {
using Form = core::screen::ClaimForm;
using Step = Form::Step;

const char* step_title(Step step) {
  switch (step) {
    case Step::choose: return "claim.step_choose";
    case Step::estimate: return "claim.step_estimate";
    case Step::details: return "claim.step_details";
    case Step::commitment: return "claim.step_commitment";
    case Step::confirm:
    case Step::saving: return "claim.step_confirm";
  }
  return "claim.step_choose";
}

// "previous" and "next" (or "submit") across the bottom; the problem line above them.
void draw_navigation(ScreenFrame& frame, const Form& form, Rect& area) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  Rect row = cut_bottom(area, std::max(layout.mm(25.0f), layout.touch_target()));
  if (form.step == Step::saving) {
    text_centered(frame.draw(), fonts.heading, frame.text("claim.saving"), row.min, row.width(),
                  color::kTextMuted);
    return;
  }
  auto columns = layout.columns(row, 2, 8.0f);
  if (frame.button("claim.previous", frame.text("claim.previous"), columns[0],
                   ButtonKind::secondary, fonts.heading)) {
    frame.add_intent(Form::Intent{Form::Previous{}});
  }
  const bool last = form.step == Step::confirm;
  if (frame.button("claim.next", frame.text(last ? "claim.submit" : "claim.next"), columns[1],
                   ButtonKind::primary, fonts.heading)) {
    frame.add_intent(Form::Intent{Form::Next{}});
  }
  cut_bottom(area, layout.mm(4.0f));
  if (form.problem) {
    const auto& text = frame.text(*form.problem);
    Rect line = cut_bottom(area, measure_text(text, area.width(), TextStyle{fonts.body}));
    draw_text(frame.draw(), text, line, TextStyle{fonts.body, color::kWarning, TextAlign::centre});
    cut_bottom(area, layout.mm(3.0f));
  }
}
}  // namespace

template <>
void draw_screen(const Form& form, ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  Rect area = frame.brand_bar();
  cut_top(area, layout.mm(3.0f));
  const auto step_number = std::min<int>(static_cast<int>(form.step), 4) + 1;
  const auto title =
      fill(frame.text("claim.step_of"), fmt::arg("step", step_number), fmt::arg("steps", 5),
           fmt::arg("title", frame.text(step_title(form.step))));
  cut_top(area,
          text_centered(frame.draw(), fonts.heading, title, area.min, area.width(), color::kText));
  cut_top(area, layout.mm(5.0f));
  draw_navigation(frame, form, area);
  cut_bottom(area, layout.mm(4.0f));
  switch (form.step) {
    case Step::choose: draw_choose_step(frame, form, area); break;
    case Step::estimate: draw_estimate_step(frame, form, area); break;
    case Step::details: draw_details_step(frame, form, area); break;
    case Step::commitment: draw_commitment_step(frame, form, area); break;
    case Step::confirm:
    case Step::saving: draw_confirm_step(frame, form, area); break;
  }
}

}  // namespace kiosk::ui
