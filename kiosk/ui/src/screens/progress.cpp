// 查询申报进度: the person's claims made on this terminal, newest first: number, date, where it
// stands, the estimated benefit, and what happens next (待上传: it uploads by itself; refused:
// the reason, or staff will look at it).
#include "kiosk/core/screens/progress.h"

#include <algorithm>
#include <vector>

#include "../screen_frame.h"
#include "kiosk/ui/scroll_list.h"
#include "kiosk/ui/theme.h"
#include "visit_parts.h"

namespace kiosk::ui {
namespace {
using Progress = core::screen::Progress;

// The line under the state: what happens next, or why it was refused.
std::string next_line(const ScreenFrame& frame, const core::ClaimLine& claim) {
  switch (core::stage_of(claim)) {
    case core::ClaimStage::waiting_upload: return frame.text("progress.waiting_upload_line");
    case core::ClaimStage::staff_check: return frame.text("progress.staff_check_line");
    case core::ClaimStage::rejected:
      if (claim.reason.empty()) return frame.text("progress.rejected_line");
      return fill(frame.text("progress.reason"), fmt::arg("reason", claim.reason));
    case core::ClaimStage::received:
    case core::ClaimStage::reviewing: return frame.text("progress.reviewing_line");
    case core::ClaimStage::approved:
    case core::ClaimStage::paid: return {};
  }
  return {};
}

ImU32 stage_color(core::ClaimStage stage) {
  switch (stage) {
    case core::ClaimStage::waiting_upload:
    case core::ClaimStage::staff_check:
    case core::ClaimStage::rejected: return color::kWarning;
    case core::ClaimStage::paid:
    case core::ClaimStage::approved: return color::kPrimary;
    case core::ClaimStage::received:
    case core::ClaimStage::reviewing: break;
  }
  return color::kText;
}

}  // namespace

template <>
void draw_screen(const Progress& screen, ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  Rect area = frame.brand_bar();
  draw_title(frame, area, "progress.title");
  if (draw_back_home(frame, area, "progress.back", "progress.back")) {
    frame.add_intent(Progress::Intent{Progress::Back{}});
  }
  switch (screen.claims.state) {
    case core::PersonClaims::State::loading:
      cut_top(area, layout.mm(10.0f));
      draw_line(frame, area, frame.text("progress.loading"), color::kTextMuted);
      return;
    case core::PersonClaims::State::failed: {
      cut_top(area, layout.mm(10.0f));
      draw_line(frame, area, frame.text("progress.failed"), color::kWarning);
      Rect retry =
          centred(cut_top(area, layout.touch_target() * 1.3f),
                  ImVec2(std::min(layout.mm(120.0f), area.width()), layout.touch_target() * 1.3f));
      if (frame.button("progress.retry", frame.text("progress.retry"), retry, ButtonKind::primary,
                       fonts.heading)) {
        frame.add_intent(Progress::Intent{Progress::Retry{}});
      }
      return;
    }
    case core::PersonClaims::State::loaded: break;
  }
  draw_line(frame, area, frame.text("progress.here_only"), color::kTextMuted);
  const auto& claims = screen.claims.lines;
  if (claims.empty()) {
    cut_top(area, layout.mm(10.0f));
    draw_line(frame, area, frame.text("progress.none"), color::kTextMuted);
    return;
  }

  // Rows as tall as their text: a refusal's reason may take two lines.
  const float pad = layout.mm(4.0f);
  const float body_h = fonts.body->FontSize * kLineSpacing;
  const float title_px = fonts.heading->FontSize * 0.75f;
  const float text_w = area.width() - layout.mm(10.0f);
  std::vector<std::string> lines;
  std::vector<float> heights;
  for (const auto& claim : claims) {
    lines.push_back(next_line(frame, claim));
    const float next_h =
        lines.back().empty() ? 0.0f : measure_text(lines.back(), text_w, TextStyle{fonts.body});
    heights.push_back(pad * 2.0f + title_px * kLineSpacing + body_h * 2.0f + next_h);
  }
  scroll_list(
      "progress", area, frame.scroll("progress"), heights, layout.mm(3.0f),
      [&](ImDrawList& draw, const RowContext& row) {
        const auto& claim = claims[row.index];
        const float r = layout.mm(3.0f);
        const Rect card = card_in_row(layout, row.rect);
        draw.AddRectFilled(card.min, card.max, color::kCard, r);
        draw.AddRect(card.min, card.max, color::kOutline, r, 0, 2.0f);
        Rect inner = inset(card, layout.mm(5.0f), pad);
        Rect top = cut_top(inner, title_px * kLineSpacing);
        const std::string date = core::format_date(claim.date);
        draw_text(draw, date, top, TextStyle{fonts.body, color::kTextMuted, TextAlign::right});
        draw_text(draw, fill(frame.text("progress.number"), fmt::arg("number", claim.number)), top,
                  TextStyle{fonts.heading, color::kText, TextAlign::left, title_px});
        const auto stage = core::stage_of(claim);
        Rect state = cut_top(inner, body_h);
        draw_text(draw,
                  fill(frame.text("progress.benefit"),
                       fmt::arg("amount", yuan(frame, claim.benefit_fen))),
                  state, TextStyle{fonts.body, color::kText, TextAlign::right});
        draw_text(draw, stage_text(frame, stage), state, TextStyle{fonts.body, stage_color(stage)});
        cut_top(inner, body_h * 0.5f);
        if (!lines[row.index].empty()) {
          draw_text(draw, lines[row.index], inner, TextStyle{fonts.body, color::kTextMuted});
        }
      },
      frame.rects());
}

}  // namespace kiosk::ui
