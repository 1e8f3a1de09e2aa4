#include "visit_parts.h"

#include <algorithm>

#include "kiosk/core/money.h"
#include "kiosk/ui/theme.h"

namespace kiosk::ui {

bool draw_back_home(ScreenFrame& frame, Rect& area, std::string_view back_id,
                    std::string_view back_key) {
  const Layout& layout = frame.layout();
  Rect row = cut_bottom(area, std::max(layout.mm(25.0f), layout.touch_target()));
  cut_bottom(area, layout.mm(5.0f));
  auto columns = layout.columns(row, 2, 8.0f);
  const bool back = frame.button(back_id, frame.text(back_key), columns[0], ButtonKind::secondary,
                                 frame.fonts().heading);
  if (frame.button("home", frame.text("records.home"), columns[1], ButtonKind::primary,
                   frame.fonts().heading)) {
    frame.add(core::PersonInput{core::person::GoHome{}});
  }
  return back;
}

void draw_title(ScreenFrame& frame, Rect& area, std::string_view key) {
  cut_top(area, frame.layout().mm(3.0f));
  cut_top(area, text_centered(frame.draw(), frame.fonts().heading, frame.text(key), area.min,
                              area.width(), color::kText));
  cut_top(area, frame.layout().mm(4.0f));
}

void draw_line(ScreenFrame& frame, Rect& area, std::string_view text, ImU32 color) {
  const TextStyle style{frame.fonts().body, color, TextAlign::centre};
  Rect line = cut_top(area, measure_text(text, area.width(), style));
  draw_text(frame.draw(), text, line, style);
  cut_top(area, frame.layout().mm(3.0f));
}

std::string yuan(const ScreenFrame& frame, core::Fen fen) {
  return fill(frame.text("records.yuan"), fmt::arg("amount", core::format_yuan(fen)));
}

const std::string& visit_type_text(const ScreenFrame& frame, core::VisitType type) {
  return frame.text(fmt::format("visit_type.{}", core::to_string(type)));
}

std::string record_dates(const ScreenFrame& frame, const core::Bill& bill) {
  if (bill.visit_type == core::VisitType::inpatient || bill.admitted != bill.discharged) {
    return fill(frame.text("records.dates_stay"),
                fmt::arg("from", core::format_date(bill.admitted)),
                fmt::arg("to", core::format_date(bill.discharged)));
  }
  return fill(frame.text("records.date_visit"),
              fmt::arg("date", core::format_date(bill.discharged)));
}

const std::string& stage_text(const ScreenFrame& frame, core::ClaimStage stage) {
  switch (stage) {
    case core::ClaimStage::waiting_upload: return frame.text("progress.waiting_upload");
    case core::ClaimStage::staff_check: return frame.text("progress.staff_check");
    case core::ClaimStage::received: return frame.text("progress.received");
    case core::ClaimStage::reviewing: return frame.text("progress.reviewing");
    case core::ClaimStage::approved: return frame.text("progress.approved");
    case core::ClaimStage::paid: return frame.text("progress.paid");
    case core::ClaimStage::rejected: return frame.text("progress.rejected");
  }
  return frame.text("progress.received");
}

std::string claimed_mark(const ScreenFrame& frame, const core::ClaimLine& claim) {
  return fill(frame.text("records.claimed"), fmt::arg("number", claim.number),
              fmt::arg("state", stage_text(frame, core::stage_of(claim))));
}

Rect card_in_row(const Layout& layout, Rect row) {
  row.max.x -= layout.mm(2.5f);
  return inset(row, 2.0f);
}

std::string fit_line(ImFont* font, float size_px, std::string_view text, float width) {
  auto width_of = [&](std::string_view s) {
    return font->CalcTextSizeA(size_px, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
  };
  if (width_of(text) <= width) return std::string(text);
  const std::string_view ellipsis = "…";
  std::string_view kept = text;
  while (!kept.empty()) {
    // Drop one whole UTF-8 character from the end.
    std::size_t cut = kept.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(kept[cut]) & 0xC0) == 0x80) --cut;
    kept = kept.substr(0, cut);
    if (width_of(std::string(kept) + std::string(ellipsis)) <= width) break;
  }
  return std::string(kept) + std::string(ellipsis);
}

}  // namespace kiosk::ui
