// 医保结算单: the visit's records newest first, year chips to narrow them, a list that
// scrolls by dragging (only the rows in view are drawn), and a tap on a row opens it.
// Records already claimed on this terminal carry the claim's number and where it stands.
#include "kiosk/core/screens/records.h"

#include <algorithm>

#include "../screen_frame.h"
#include "kiosk/ui/scroll_list.h"
#include "kiosk/ui/theme.h"
#include "visit_parts.h"

namespace kiosk::ui {
namespace {
using Records = core::screen::Records;

// Where the lookup stands when there are no records to show yet: a catalogue key, and
// whether "再查一次" helps.
struct LookupNotice {
  const char* key;
  bool retry;
};
std::optional<LookupNotice> lookup_notice(core::Lookup lookup) {
  switch (lookup) {
    case core::Lookup::none:
    case core::Lookup::pending: return LookupNotice{"records.loading", false};
    case core::Lookup::failed: return LookupNotice{"records.unavailable", true};
    case core::Lookup::busy: return LookupNotice{"records.busy", true};
    case core::Lookup::not_a_member: return LookupNotice{"records.not_a_member", false};
    case core::Lookup::loaded: break;
  }
  return std::nullopt;
}

// "全部" and one chip per year present, as many as fit across; the chosen one filled.
void draw_year_chips(ScreenFrame& frame, const Records& screen, Rect& area) {
  const Layout& layout = frame.layout();
  const auto years = core::screen::record_years(frame.session().bills());
  if (years.size() < 2) return;  // one year: nothing to choose between
  Rect row = cut_top(area, layout.touch_target() * 1.2f);
  cut_top(area, layout.mm(4.0f));
  const float gap = layout.mm(3.0f);
  const float chip_w = layout.mm(34.0f);
  const auto fit = static_cast<std::size_t>(std::max(1.0f, (row.width() + gap) / (chip_w + gap)));
  const std::size_t shown = std::min(years.size() + 1, fit);
  for (std::size_t i = 0; i < shown; ++i) {
    Rect chip = cut_left(row, chip_w);
    cut_left(row, gap);
    const std::optional<int> year = i == 0 ? std::nullopt : std::optional<int>(years[i - 1]);
    const bool chosen = screen.year == year;
    const std::string id = year ? fmt::format("records.year.{}", *year) : "records.year.all";
    const std::string label = year ? fill(frame.text("records.year"), fmt::arg("year", *year))
                                   : frame.text("records.all_years");
    if (frame.button(id, label, chip, chosen ? ButtonKind::primary : ButtonKind::secondary,
                     frame.fonts().body)) {
      frame.add_intent(Records::Intent{Records::SelectYear{year}});
    }
  }
}

// One record as a card: institution and type; dates; total, fund paid and personal share;
// the claimed mark.
void draw_row(ScreenFrame& frame, ImDrawList& draw, const Records& screen, const core::Bill& bill,
              Rect rect, bool pressed) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  rect = card_in_row(layout, rect);
  const float r = layout.mm(3.0f);
  draw.AddRectFilled(rect.min, rect.max, pressed ? color::kSecondaryHeld : color::kCard, r);
  draw.AddRect(rect.min, rect.max, color::kOutline, r, 0, 2.0f);
  Rect inner = inset(rect, layout.mm(5.0f), layout.mm(3.0f));
  const float body_h = fonts.body->FontSize * kLineSpacing;
  const float title_px = fonts.heading->FontSize * 0.75f;

  // Line 1: institution, the visit type on the right.
  Rect line = cut_top(inner, title_px * kLineSpacing);
  const auto& type = visit_type_text(frame, bill.visit_type);
  const float type_w =
      fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, 0.0f, type.c_str()).x;
  draw_text(draw, type, cut_right(line, type_w + layout.mm(2.0f)),
            TextStyle{fonts.body, color::kPrimary, TextAlign::right});
  draw_text(draw,
            fit_line(fonts.heading, title_px, bill.institution, line.width() - layout.mm(3.0f)),
            line, TextStyle{fonts.heading, color::kText, TextAlign::left, title_px});
  // Line 2: the dates.
  draw_text(draw, record_dates(frame, bill), cut_top(inner, body_h),
            TextStyle{fonts.body, color::kTextMuted});
  // Lines 3-4: three amounts, label over value.
  Rect labels = cut_top(inner, body_h);
  Rect values = cut_top(inner, body_h);
  auto label_cols = layout.columns(labels, 3, 3.0f);
  auto value_cols = layout.columns(values, 3, 3.0f);
  const char* keys[] = {"records.total", "records.fund_paid", "records.personal"};
  const core::Fen amounts[] = {bill.total_fen, bill.fund_paid_fen, core::personal_total(bill)};
  for (int i = 0; i < 3; ++i) {
    draw_text(draw, frame.text(keys[i]), label_cols[i], TextStyle{fonts.body, color::kTextMuted});
    draw_text(
        draw,
        fit_line(fonts.body, fonts.body->FontSize, yuan(frame, amounts[i]), value_cols[i].width()),
        value_cols[i], TextStyle{fonts.body, i == 2 ? color::kBrand : color::kText});
  }
  // Line 5: already claimed?
  if (const auto* claim = screen.claims.claim_for(bill.id)) {
    draw_text(
        draw,
        fit_line(fonts.body, fonts.body->FontSize, claimed_mark(frame, *claim), inner.width()),
        cut_top(inner, body_h), TextStyle{fonts.body, color::kPrimary});
  }
}

}  // namespace

template <>
void draw_screen(const Records& screen, ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const auto& session = frame.session();
  Rect area = frame.brand_bar();
  draw_title(frame, area, "records.title");
  if (draw_back_home(frame, area, "records.back", "records.back")) {
    frame.add_intent(Records::Intent{Records::Back{}});
  }

  if (auto notice = lookup_notice(session.lookup())) {
    cut_top(area, layout.mm(10.0f));
    draw_line(frame, area, frame.text(notice->key),
              notice->retry ? color::kWarning : color::kTextMuted);
    if (notice->retry) {
      cut_top(area, layout.mm(3.0f));
      Rect retry =
          centred(cut_top(area, layout.touch_target() * 1.3f),
                  ImVec2(std::min(layout.mm(120.0f), area.width()), layout.touch_target() * 1.3f));
      if (frame.button("records.retry", frame.text("records.retry"), retry, ButtonKind::primary,
                       fonts.heading)) {
        frame.add_intent(Records::Intent{Records::Retry{}});
      }
    }
    return;
  }

  draw_year_chips(frame, screen, area);
  const auto shown = core::screen::records_shown(session.bills(), screen.year);
  if (shown.empty()) {
    cut_top(area, layout.mm(10.0f));
    draw_line(frame, area, frame.text("records.none"), color::kTextMuted);
    return;
  }
  draw_line(frame, area, fill(frame.text("records.count"), fmt::arg("count", shown.size())),
            color::kTextMuted);
  if (screen.claims.state == core::PersonClaims::State::failed) {
    draw_line(frame, area, frame.text("records.claims_unknown"), color::kWarning);
  }

  const float body_h = fonts.body->FontSize * kLineSpacing;
  const float row_h =
      layout.mm(6.0f) + fonts.heading->FontSize * 0.75f * kLineSpacing + body_h * 4.0f;
  auto result = scroll_list(
      "records", area, frame.scroll("records"), shown.size(), row_h, layout.mm(3.0f),
      [&](ImDrawList& draw, const RowContext& row) {
        draw_row(frame, draw, screen, *shown[row.index], row.rect, row.pressed);
      },
      frame.rects());
  if (result.tapped && *result.tapped < shown.size()) {
    frame.add_intent(Records::Intent{Records::Open{shown[*result.tapped]->id}});
  }
}

}  // namespace kiosk::ui
