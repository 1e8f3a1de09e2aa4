// After a card is read: greet the person by their masked name and show their settlement
// records from the central server. The claim flows build on this screen.
#include "kiosk/core/mask.h"
#include "kiosk/core/money.h"
#include "kiosk/ui/screens.h"
#include "kiosk/ui/theme.h"
#include "screens_internal.h"

namespace kiosk::ui {
namespace {
constexpr std::size_t kBillsShown = 5;  // more would need scrolling; the claim flow pages them
}

void Screens::draw_identified(Frame& frame) {
  const float w = frame.size.x, h = frame.size.y;
  const ImVec2 o = frame.origin;
  const float bar_h = frame.brand_bar_height();
  draw_brand_bar(frame, bar_h);
  const auto& session = frame.view.session;

  std::string name;
  if (const auto* identity = session.identity()) {
    // Foreigners' cards may carry only the English name.
    const auto& shown = identity->name.empty() ? identity->name_en : identity->name;
    name = core::mask_name(shown.reveal());
  }
  const float margin = w * 0.06f;
  float y = o.y + bar_h + h * 0.04f;
  y += text_centered(frame.draw, m_fonts.heading,
                     fill(frame.text("identified.greeting"), fmt::arg("name", name)),
                     ImVec2(o.x + margin, y), w - 2 * margin, color::kText);
  y += h * 0.02f;

  auto status_line = [&](const std::string& text, ImU32 color) {
    y += text_centered(frame.draw, m_fonts.body, text, ImVec2(o.x + margin, y), w - 2 * margin,
                       color);
  };
  switch (session.lookup()) {
    case core::Lookup::none:
    case core::Lookup::pending:
      status_line(frame.text("identified.loading"), color::kTextMuted);
      break;
    case core::Lookup::failed:
      status_line(frame.text("identified.lookup_failed"), color::kWarning);
      break;
    case core::Lookup::busy:
      status_line(frame.text("identified.lookup_busy"), color::kWarning);
      break;
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
      y += h * 0.01f;
      ImFont* font = m_fonts.body;
      const float row_h = font->FontSize * 2.9f;
      for (std::size_t i = 0; i < std::min(bills.size(), kBillsShown); ++i) {
        const auto& bill = bills[i];
        ImVec2 min(o.x + margin, y), max(o.x + w - margin, y + row_h);
        frame.draw.AddRectFilled(min, max, color::kCard, 12.0f);
        frame.draw.AddRect(min, max, color::kOutline, 12.0f, 0, 2.0f);
        float pad = font->FontSize * 0.5f;
        frame.draw.AddText(font, font->FontSize, ImVec2(min.x + pad, min.y + pad), color::kText,
                           bill.institution.c_str());
        std::string detail = fmt::format(
            "{}  {}", frame.text(fmt::format("visit_type.{}", core::to_string(bill.visit_type))),
            core::format_date(bill.discharged));
        frame.draw.AddText(font, font->FontSize * 0.85f,
                           ImVec2(min.x + pad, min.y + pad + font->FontSize * 1.25f),
                           color::kTextMuted, detail.c_str());
        std::string cost = fill(frame.text("identified.personal_cost"),
                                fmt::arg("amount", core::format_yuan(core::personal_total(bill))));
        ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, cost.c_str());
        frame.draw.AddText(font, font->FontSize,
                           ImVec2(max.x - pad - size.x, min.y + pad + font->FontSize * 1.2f),
                           color::kPrimary, cost.c_str());
        y += row_h + font->FontSize * 0.4f;
      }
      if (bills.size() > kBillsShown) {
        status_line(fill(frame.text("identified.more_bills"),
                         fmt::arg("count", bills.size() - kBillsShown)),
                    color::kTextMuted);
      }
      break;
    }
  }

  ImVec2 button(std::min(w * 0.6f, 720.0f), std::max(h * 0.075f, 110.0f));
  ImVec2 pos(o.x + (w - button.x) * 0.5f, o.y + h * 0.82f - button.y);
  if (touch_button("home", frame.text("identified.home"), pos, button, ButtonKind::primary,
                   m_fonts.heading, m_rects)) {
    frame.intents.push_back(core::intent::GoHome{});
  }

  auto countdown =
      fill(frame.text("identified.countdown"), fmt::arg("seconds", frame.view.idle_left.count()));
  text_centered(frame.draw, m_fonts.body, countdown, ImVec2(o.x, o.y + h * 0.9f), w,
                color::kTextMuted);
}

}  // namespace kiosk::ui
