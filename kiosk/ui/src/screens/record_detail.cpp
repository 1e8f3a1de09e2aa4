// One settlement record in full: every figure of it a person can check against their paper
// copy, and whether it is already claimed. "Back" returns to the list where it was.
#include "kiosk/core/screens/record_detail.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "../screen_frame.h"
#include "kiosk/core/visit.h"
#include "kiosk/ui/theme.h"
#include "visit_parts.h"

namespace kiosk::ui {
namespace {
using Detail = core::screen::RecordDetail;

std::vector<std::pair<std::string, std::string>> detail_rows(const ScreenFrame& frame,
                                                             const core::Bill& bill) {
  std::vector<std::pair<std::string, std::string>> rows;
  auto row = [&](const char* key, std::string value) {
    rows.emplace_back(frame.text(key), std::move(value));
  };
  row("record.institution", bill.institution);
  row("record.visit_type", visit_type_text(frame, bill.visit_type));
  if (bill.visit_type == core::VisitType::inpatient || bill.admitted != bill.discharged) {
    row("record.admitted", core::format_date(bill.admitted));
    row("record.discharged", core::format_date(bill.discharged));
  } else {
    row("record.visit_date", core::format_date(bill.discharged));
  }
  row("record.number", bill.id);
  row("record.total", yuan(frame, bill.total_fen));
  row("record.fund_paid", yuan(frame, bill.fund_paid_fen));
  row("record.account_paid", yuan(frame, bill.account_paid_fen));
  row("record.cash_paid", yuan(frame, bill.cash_paid_fen));
  row("record.self_pay_full", yuan(frame, bill.self_pay_full_fen));
  row("record.personal", yuan(frame, core::personal_total(bill)));
  return rows;
}

}  // namespace

template <>
void draw_screen(const Detail& screen, ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  Rect area = frame.brand_bar();
  draw_title(frame, area, "record.title");
  if (draw_back_home(frame, area, "record.back", "record.back")) {
    frame.add_intent(Detail::Intent{Detail::Back{}});
  }
  const auto* bill = core::screen::record_of(screen, frame.session().visit());
  if (!bill) {
    draw_line(frame, area, frame.text("record.gone"), color::kTextMuted);
    return;
  }

  // One card: label on the left, value on the right, a line between rows.
  const auto rows = detail_rows(frame, *bill);
  const TextStyle label{fonts.body, color::kTextMuted};
  const TextStyle value{fonts.body, color::kText, TextAlign::right};
  const float label_w = std::min(area.width() * 0.4f, layout.mm(70.0f));
  const float pad = layout.mm(3.0f);
  float height = pad;
  std::vector<float> heights;
  for (const auto& [name, text] : rows) {
    heights.push_back(
        std::max(measure_text(name, label_w, label),
                 measure_text(text, area.width() - label_w - layout.mm(14.0f), value)) +
        pad * 2.0f);
    height += heights.back();
  }
  Rect card = cut_top(area, std::min(height + pad, area.height()));
  frame.draw().AddRectFilled(card.min, card.max, color::kCard, layout.mm(3.0f));
  frame.draw().AddRect(card.min, card.max, color::kOutline, layout.mm(3.0f), 0, 2.0f);
  Rect inner = inset(card, layout.mm(5.0f), pad);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Rect line = cut_top(inner, heights[i]);
    Rect cell = inset(line, 0.0f, pad);
    const bool personal = i + 1 == rows.size();
    draw_text(frame.draw(), rows[i].first, cut_left(cell, label_w), label);
    draw_text(frame.draw(), rows[i].second, cell,
              TextStyle{fonts.body, personal ? color::kBrand : color::kText, TextAlign::right});
    if (i + 1 < rows.size()) {
      frame.draw().AddLine(ImVec2(line.min.x, line.max.y), line.max, color::kOutline, 1.0f);
    }
  }
  cut_top(area, layout.mm(5.0f));
  if (const auto* claim = screen.list.claims.claim_for(bill->id)) {
    draw_line(frame, area, claimed_mark(frame, *claim), color::kPrimary);
  } else if (screen.list.claims.state == core::PersonClaims::State::loaded) {
    draw_line(frame, area, frame.text("record.not_claimed"), color::kTextMuted);
  }
}

}  // namespace kiosk::ui
