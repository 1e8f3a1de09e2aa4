// The layer over the screens: what the person must know whatever screen they are on.
#include "kiosk/ui/theme.h"
#include "screen_frame.h"

namespace kiosk::ui {
namespace {
// The catalogue key of what keeps a device from working, or nullptr.
const char* device_trouble(const core::Session& session) {
  if (!session.reader_online()) return "banner.reader_offline";
  const auto& printer = session.printer();
  if (!printer.online) return "banner.printer_offline";
  if (printer.cover_open) return "banner.printer_cover_open";
  if (printer.paper == core::printer::Paper::out) return "banner.printer_paper_out";
  return nullptr;
}
}  // namespace

void draw_device_banner(ScreenFrame& frame) {
  const char* key = device_trouble(frame.session());
  if (key == nullptr) return;
  const Layout& layout = frame.layout();
  ImFont* font = frame.fonts().body;
  const auto& text = frame.text(key);
  const Rect screen = layout.screen();
  const float pad = layout.mm(3.0f);
  const float height = text_height(font, text, screen.width() - 2 * pad) + 2 * pad;
  const Rect strip{ImVec2(screen.min.x, screen.max.y - height), screen.max};
  frame.draw().AddRectFilled(strip.min, strip.max, color::kNotice);
  frame.draw().AddLine(strip.min, ImVec2(strip.max.x, strip.min.y), color::kWarning, 3.0f);
  text_centered(frame.draw(), font, text, ImVec2(strip.min.x + pad, strip.min.y + pad),
                strip.width() - 2 * pad, color::kWarning);
}

void draw_idle_overlay(ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const Rect screen = layout.screen();
  frame.draw().AddRectFilled(screen.min, screen.max, IM_COL32(0, 0, 0, 0x99));
  const float pad = layout.mm(10.0f);
  const float width = std::min(layout.mm(220.0f), screen.width() - 2 * layout.mm(kMarginMm));
  const auto seconds = frame.session().idle_remaining(frame.view().now).count();
  const auto& title = frame.text("overlay.idle_title");
  const auto body = fill(frame.text("overlay.idle_countdown"), fmt::arg("seconds", seconds));
  const float title_h = text_height(fonts.heading, title, width - 2 * pad);
  const float body_h = text_height(fonts.body, body, width - 2 * pad);
  const float button_h = std::max(layout.mm(25.0f), layout.touch_target());
  const float height = pad + title_h + layout.mm(5.0f) + body_h + layout.mm(8.0f) + button_h + pad;
  Rect card = centred(screen, ImVec2(width, height));
  frame.draw().AddRectFilled(card.min, card.max, color::kCard, layout.mm(4.0f));
  Rect inner = inset(card, pad);
  float y = inner.min.y;
  y += text_centered(frame.draw(), fonts.heading, title, ImVec2(inner.min.x, y), inner.width(),
                     color::kText);
  y += layout.mm(5.0f);
  text_centered(frame.draw(), fonts.body, body, ImVec2(inner.min.x, y), inner.width(),
                color::kTextMuted);
  Rect button = cut_bottom(inner, button_h);
  // Any touch already counts as "still here"; the button says so in words.
  if (frame.button("overlay.continue", frame.text("overlay.continue"), button, ButtonKind::primary,
                   fonts.heading)) {
    frame.add(core::PersonInput{core::person::Touch{}});
  }
}

void draw_error_screen(ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const Rect screen = layout.screen();
  frame.draw().AddRectFilled(screen.min, screen.max, color::kBackground);
  Rect area = frame.brand_bar();
  cut_top(area, layout.mm(40.0f));
  float y = area.min.y;
  y += text_centered(frame.draw(), fonts.heading, frame.text("error.title"), ImVec2(area.min.x, y),
                     area.width(), color::kText);
  y += layout.mm(6.0f);
  y += text_centered(frame.draw(), fonts.body, frame.text("error.body"), ImVec2(area.min.x, y),
                     area.width(), color::kTextMuted);
  Rect row{
      ImVec2(area.min.x, y + layout.mm(15.0f)),
      ImVec2(area.max.x, y + layout.mm(15.0f) + std::max(layout.mm(27.0f), layout.touch_target()))};
  Rect home = centred(row, ImVec2(std::min(layout.mm(180.0f), row.width()), row.height()));
  if (frame.button("error.home", frame.text("error.home"), home, ButtonKind::primary,
                   fonts.heading)) {
    frame.add(core::PersonInput{core::person::GoHome{}});
  }
}

}  // namespace kiosk::ui
