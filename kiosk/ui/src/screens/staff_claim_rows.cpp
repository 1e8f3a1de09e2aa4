#include "staff_claim_rows.h"

#include <vector>

#include "kiosk/ui/scroll_list.h"
#include "kiosk/ui/theme.h"
#include "visit_parts.h"

namespace kiosk::ui {

const std::string& upload_text(const ScreenFrame& frame, core::UploadState state) {
  switch (state) {
    case core::UploadState::pending: return frame.text("staff.upload_pending");
    case core::UploadState::sending: return frame.text("staff.upload_sending");
    case core::UploadState::retry_wait: return frame.text("staff.upload_retry");
    case core::UploadState::acked: return frame.text("staff.upload_acked");
    case core::UploadState::quarantined: return frame.text("staff.upload_quarantined");
  }
  return frame.text("staff.upload_pending");
}

std::optional<std::size_t> draw_staff_claims(ScreenFrame& frame, std::string_view id, Rect area,
                                             std::span<const StaffClaimRow> rows,
                                             std::string_view hint,
                                             bool (*wants_hint)(const StaffClaimRow&)) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const float pad = layout.mm(3.0f);
  const float line_h = fonts.body->FontSize * kLineSpacing;
  const float text_w = area.width() - layout.mm(12.0f);
  std::vector<float> heights;
  for (const auto& row : rows) {
    float h = pad * 2.0f + line_h * 2.0f;
    if (!row.reason.empty()) h += measure_text(row.reason, text_w, TextStyle{fonts.body});
    heights.push_back(std::max(h, layout.touch_target()));
  }
  auto result = scroll_list(
      id, area, frame.scroll(id), heights, layout.mm(2.0f),
      [&](ImDrawList& draw, const RowContext& context) {
        const auto& row = rows[context.index];
        const Rect card = card_in_row(layout, context.rect);
        draw.AddRectFilled(card.min, card.max,
                           context.pressed ? color::kSecondaryHeld : color::kCard, layout.mm(2.0f));
        draw.AddRect(card.min, card.max, color::kOutline, layout.mm(2.0f), 0, 2.0f);
        Rect inner = inset(card, layout.mm(4.0f), pad);
        Rect top = cut_top(inner, line_h);
        draw_text(
            draw,
            fill(frame.text("staff.row"), fmt::arg("sequence", fmt::format("{:06}", row.sequence)),
                 fmt::arg("number", row.short_id), fmt::arg("time", row.created)),
            top, TextStyle{fonts.body, color::kText});
        Rect second = cut_top(inner, line_h);
        const bool trouble = row.upload == core::UploadState::quarantined;
        std::string state = upload_text(frame, row.upload);
        if (row.attempts > 1) {
          state +=
              " · " + fill(frame.text("staff.row_attempts"), fmt::arg("attempts", row.attempts));
        }
        draw_text(draw, state, second,
                  TextStyle{fonts.body, trouble ? color::kWarning : color::kTextMuted});
        if (!hint.empty() && wants_hint && wants_hint(row)) {
          draw_text(draw, hint, second, TextStyle{fonts.body, color::kPrimary, TextAlign::right});
        } else {
          draw_text(draw, yuan(frame, row.benefit_fen), second,
                    TextStyle{fonts.body, color::kText, TextAlign::right});
        }
        if (!row.reason.empty()) {
          draw_text(draw, row.reason, inner, TextStyle{fonts.body, color::kWarning});
        }
      },
      frame.rects());
  return result.tapped;
}

}  // namespace kiosk::ui
