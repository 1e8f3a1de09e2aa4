// After a card is read: greet the person by their masked name and show their settlement
// records from the central server. The claim flows build on this screen.
#include "kiosk/core/screens/identified.h"

#include "../screen_frame.h"
#include "kiosk/core/mask.h"
#include "kiosk/core/money.h"
#include "kiosk/ui/theme.h"

namespace kiosk::ui {
namespace {
constexpr std::size_t kBillsShown = 5;  // the records screen scrolls through all of them

// One settlement record as a card: institution, visit type and date, the personal share.
void draw_bill(ScreenFrame& frame, const core::Bill& bill, Rect card) {
  const Layout& layout = frame.layout();
  ImFont* font = frame.fonts().body;
  auto& draw = frame.draw();
  draw.AddRectFilled(card.min, card.max, color::kCard, layout.mm(3.0f));
  draw.AddRect(card.min, card.max, color::kOutline, layout.mm(3.0f), 0, 2.0f);
  const float pad = font->FontSize * 0.5f;
  draw.AddText(font, font->FontSize, ImVec2(card.min.x + pad, card.min.y + pad), color::kText,
               bill.institution.c_str());
  std::string detail = fmt::format(
      "{}  {}", frame.text(fmt::format("visit_type.{}", core::to_string(bill.visit_type))),
      core::format_date(bill.discharged));
  draw.AddText(font, font->FontSize * 0.85f,
               ImVec2(card.min.x + pad, card.min.y + pad + font->FontSize * 1.25f),
               color::kTextMuted, detail.c_str());
  std::string cost = fill(frame.text("identified.personal_cost"),
                          fmt::arg("amount", core::format_yuan(core::personal_total(bill))));
  ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, cost.c_str());
  draw.AddText(font, font->FontSize,
               ImVec2(card.max.x - pad - size.x, card.min.y + pad + font->FontSize * 1.2f),
               color::kPrimary, cost.c_str());
}

}  // namespace

template <>
void draw_screen(const core::screen::Identified&, ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const auto& session = frame.session();
  Rect area = frame.brand_bar();

  // Bottom up: the countdown line, then the home button.
  auto countdown = fill(frame.text("identified.countdown"),
                        fmt::arg("seconds", session.idle_remaining(frame.view().now).count()));
  Rect countdown_line = cut_bottom(area, text_height(fonts.body, countdown, area.width()));
  text_centered(frame.draw(), fonts.body, countdown, countdown_line.min, countdown_line.width(),
                color::kTextMuted);
  cut_bottom(area, layout.mm(6.0f));
  Rect home_row = cut_bottom(area, std::max(layout.mm(27.0f), layout.touch_target()));
  Rect home = centred(home_row, ImVec2(std::min(layout.mm(180.0f), home_row.width()),
                                       home_row.height()));
  if (frame.button("home", frame.text("identified.home"), home, ButtonKind::primary,
                   fonts.heading)) {
    frame.add(core::PersonInput{core::person::GoHome{}});
  }

  std::string name;
  if (const auto* identity = session.identity()) {
    // Foreigners' cards may carry only the English name.
    const auto& shown = identity->name.empty() ? identity->name_en : identity->name;
    name = core::mask_name(shown.reveal());
  }
  float y = area.min.y + layout.mm(4.0f);
  y += text_centered(frame.draw(), fonts.heading,
                     fill(frame.text("identified.greeting"), fmt::arg("name", name)),
                     ImVec2(area.min.x, y), area.width(), color::kText);
  y += layout.mm(5.0f);
  auto status_line = [&](const std::string& text, ImU32 color) {
    y += text_centered(frame.draw(), fonts.body, text, ImVec2(area.min.x, y), area.width(), color);
  };
  switch (session.lookup()) {
    case core::Lookup::none:
    case core::Lookup::pending: status_line(frame.text("identified.loading"), color::kTextMuted); break;
    case core::Lookup::failed:
      status_line(frame.text("identified.lookup_failed"), color::kWarning);
      break;
    case core::Lookup::busy: status_line(frame.text("identified.lookup_busy"), color::kWarning); break;
    case core::Lookup::not_a_member:
      status_line(frame.text("identified.not_a_member"), color::kWarning);
      break;
    case core::Lookup::loaded: {
      const auto& bills = session.bills();
      if (bills.empty()) {
        status_line(frame.text("identified.no_bills"), color::kTextMuted);
        break;
      }
      status_line(fill(frame.text("identified.bills_title"), fmt::arg("count", bills.size())),
                  color::kText);
      y += layout.mm(2.0f);
      const float row_h = fonts.body->FontSize * 2.9f;
      for (std::size_t i = 0; i < std::min(bills.size(), kBillsShown); ++i) {
        draw_bill(frame, bills[i], Rect{ImVec2(area.min.x, y), ImVec2(area.max.x, y + row_h)});
        y += row_h + fonts.body->FontSize * 0.4f;
      }
      if (bills.size() > kBillsShown) {
        status_line(fill(frame.text("identified.more_bills"),
                         fmt::arg("count", bills.size() - kBillsShown)),
                    color::kTextMuted);
      }
      break;
    }
  }
}

}  // namespace kiosk::ui
