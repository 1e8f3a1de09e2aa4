// After a card is read: greet the person by their masked name. The claim flows build on
// this screen; until then it offers the way home and shows the idle countdown.
#include "kiosk/core/mask.h"
#include "kiosk/ui/screens.h"
#include "kiosk/ui/theme.h"
#include "screens_internal.h"

namespace kiosk::ui {

void Screens::draw_identified(Frame& frame) {
  const float w = frame.size.x, h = frame.size.y;
  const ImVec2 o = frame.origin;
  const float bar_h = h * (frame.portrait() ? 0.085f : 0.13f);
  draw_brand_bar(frame, bar_h);

  std::string name;
  if (const auto* identity = frame.view.session.identity()) {
    // Foreigners' cards may carry only the English name.
    const auto& shown = identity->name.empty() ? identity->name_en : identity->name;
    name = core::mask_name(shown.reveal());
  }
  float y = o.y + h * 0.28f;
  y += text_centered(frame.draw, m_fonts.heading,
                     fill(frame.text("identified.greeting"), fmt::arg("name", name)),
                     ImVec2(o.x + w * 0.05f, y), w * 0.9f, color::kText);
  y += h * 0.03f;
  text_centered(frame.draw, m_fonts.body, frame.text("identified.next_step"),
                ImVec2(o.x + w * 0.08f, y), w * 0.84f, color::kTextMuted);

  ImVec2 button(std::min(w * 0.6f, 720.0f), std::max(h * 0.08f, 120.0f));
  ImVec2 pos(o.x + (w - button.x) * 0.5f, o.y + h * 0.62f);
  if (touch_button("home", frame.text("identified.home"), pos, button, ButtonKind::primary,
                   m_fonts.heading, m_rects)) {
    frame.intents.push_back(core::intent::GoHome{});
  }

  auto countdown = fill(frame.text("identified.countdown"),
                        fmt::arg("seconds", frame.view.idle_left.count()));
  text_centered(frame.draw, m_fonts.body, countdown, ImVec2(o.x, o.y + h * 0.9f), w,
                color::kTextMuted);
}

}  // namespace kiosk::ui
