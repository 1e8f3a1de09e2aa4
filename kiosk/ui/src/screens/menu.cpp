// After a card is read: the person greeted by their masked name, where their records stand,
// and the four things they can do here, each with an icon and one line saying what it is.
#include "kiosk/core/screens/menu.h"

#include <algorithm>

#include "../screen_frame.h"
#include "kiosk/core/mask.h"
#include "kiosk/ui/theme.h"

namespace kiosk::ui {
namespace {
using Item = core::screen::Menu::Item;

struct Tile {
  Item item;
  const char* id;
  const char* title;
  const char* line;
};
constexpr Tile kTiles[] = {
    {Item::records, "menu.records", "menu.records", "menu.records_line"},
    {Item::statement, "menu.statement", "menu.statement", "menu.statement_line"},
    {Item::claim, "menu.claim", "menu.claim", "menu.claim_line"},
    {Item::progress, "menu.progress", "menu.progress", "menu.progress_line"},
};

// A simple drawing for each item, in a square of side SIZE at MIN.
void draw_icon(ImDrawList& draw, Item item, ImVec2 min, float size) {
  const float s = size;
  const ImU32 c = color::kPrimary;
  const float w = std::max(2.0f, s * 0.06f);
  switch (item) {
    case Item::records:  // a sheet with lines
      draw.AddRect(ImVec2(min.x + s * 0.2f, min.y + s * 0.1f),
                   ImVec2(min.x + s * 0.8f, min.y + s * 0.9f), c, s * 0.05f, 0, w);
      for (int i = 0; i < 4; ++i) {
        float y = min.y + s * (0.3f + 0.14f * static_cast<float>(i));
        draw.AddLine(ImVec2(min.x + s * 0.32f, y), ImVec2(min.x + s * 0.68f, y), c, w);
      }
      break;
    case Item::statement:  // a printer with paper
      draw.AddRect(ImVec2(min.x + s * 0.1f, min.y + s * 0.35f),
                   ImVec2(min.x + s * 0.9f, min.y + s * 0.7f), c, s * 0.05f, 0, w);
      draw.AddRect(ImVec2(min.x + s * 0.28f, min.y + s * 0.1f),
                   ImVec2(min.x + s * 0.72f, min.y + s * 0.35f), c, 0, 0, w);
      draw.AddRect(ImVec2(min.x + s * 0.28f, min.y + s * 0.6f),
                   ImVec2(min.x + s * 0.72f, min.y + s * 0.92f), c, 0, 0, w);
      break;
    case Item::claim:  // a coin with the yuan sign
      draw.AddCircle(ImVec2(min.x + s * 0.5f, min.y + s * 0.5f), s * 0.4f, c, 32, w);
      draw.AddLine(ImVec2(min.x + s * 0.36f, min.y + s * 0.3f),
                   ImVec2(min.x + s * 0.5f, min.y + s * 0.5f), c, w);
      draw.AddLine(ImVec2(min.x + s * 0.64f, min.y + s * 0.3f),
                   ImVec2(min.x + s * 0.5f, min.y + s * 0.5f), c, w);
      draw.AddLine(ImVec2(min.x + s * 0.5f, min.y + s * 0.5f),
                   ImVec2(min.x + s * 0.5f, min.y + s * 0.74f), c, w);
      draw.AddLine(ImVec2(min.x + s * 0.38f, min.y + s * 0.52f),
                   ImVec2(min.x + s * 0.62f, min.y + s * 0.52f), c, w);
      draw.AddLine(ImVec2(min.x + s * 0.38f, min.y + s * 0.63f),
                   ImVec2(min.x + s * 0.62f, min.y + s * 0.63f), c, w);
      break;
    case Item::progress:  // a clock
      draw.AddCircle(ImVec2(min.x + s * 0.5f, min.y + s * 0.5f), s * 0.4f, c, 32, w);
      draw.AddLine(ImVec2(min.x + s * 0.5f, min.y + s * 0.5f),
                   ImVec2(min.x + s * 0.5f, min.y + s * 0.25f), c, w);
      draw.AddLine(ImVec2(min.x + s * 0.5f, min.y + s * 0.5f),
                   ImVec2(min.x + s * 0.68f, min.y + s * 0.6f), c, w);
      break;
  }
}

// One menu item as a large card: icon, title, explanation. True when tapped.
bool draw_tile(ScreenFrame& frame, const Tile& tile, Rect rect) {
  const Layout& layout = frame.layout();
  const bool tapped = frame.button(tile.id, "", rect, ButtonKind::secondary, frame.fonts().body);
  Rect inner = inset(rect, layout.mm(6.0f), layout.mm(4.0f));
  const float icon = std::min(inner.height(), layout.mm(24.0f));
  Rect icon_rect = cut_left(inner, icon);
  draw_icon(frame.draw(), tile.item, ImVec2(icon_rect.min.x, icon_rect.centre().y - icon * 0.5f),
            icon);
  cut_left(inner, layout.mm(6.0f));
  const auto& fonts = frame.fonts();
  const auto& title = frame.text(tile.title);
  const auto& line = frame.text(tile.line);
  const float title_h = measure_text(title, inner.width(), TextStyle{fonts.heading, color::kText});
  const float line_h = measure_text(line, inner.width(), TextStyle{fonts.body, color::kTextMuted});
  float y = inner.centre().y - (title_h + line_h) * 0.5f;
  y +=
      draw_text(frame.draw(), title, Rect{ImVec2(inner.min.x, y), ImVec2(inner.max.x, y + title_h)},
                TextStyle{fonts.heading, color::kPrimary});
  draw_text(frame.draw(), line, Rect{ImVec2(inner.min.x, y), ImVec2(inner.max.x, y + line_h)},
            TextStyle{fonts.body, color::kTextMuted});
  return tapped;
}

// Where the member lookup stands, in one line under the greeting; empty when loaded.
const char* lookup_line(core::Lookup lookup) {
  switch (lookup) {
    case core::Lookup::none:
    case core::Lookup::pending: return "identified.loading";
    case core::Lookup::failed: return "identified.lookup_failed";
    case core::Lookup::busy: return "identified.lookup_busy";
    case core::Lookup::not_a_member: return "identified.not_a_member";
    case core::Lookup::loaded: break;
  }
  return nullptr;
}

}  // namespace

template <>
void draw_screen(const core::screen::Menu&, ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const auto& session = frame.session();
  Rect area = frame.brand_bar();

  // Bottom up: the countdown line, then "finish".
  auto countdown = fill(frame.text("identified.countdown"),
                        fmt::arg("seconds", session.idle_remaining(frame.view().now).count()));
  Rect countdown_line = cut_bottom(area, text_height(fonts.body, countdown, area.width()));
  text_centered(frame.draw(), fonts.body, countdown, countdown_line.min, countdown_line.width(),
                color::kTextMuted);
  cut_bottom(area, layout.mm(6.0f));
  Rect home_row = cut_bottom(area, std::max(layout.mm(27.0f), layout.touch_target()));
  Rect home =
      centred(home_row, ImVec2(std::min(layout.mm(180.0f), home_row.width()), home_row.height()));
  if (frame.button("home", frame.text("identified.home"), home, ButtonKind::primary,
                   fonts.heading)) {
    frame.add(core::PersonInput{core::person::GoHome{}});
  }
  cut_bottom(area, layout.mm(8.0f));

  std::string name;
  if (const auto* identity = session.identity()) {
    // Foreigners' cards may carry only the English name.
    const auto& shown = identity->name.empty() ? identity->name_en : identity->name;
    name = core::mask_name(shown.reveal());
  }
  cut_top(area, layout.mm(4.0f));
  cut_top(area, text_centered(frame.draw(), fonts.heading,
                              fill(frame.text("identified.greeting"), fmt::arg("name", name)),
                              area.min, area.width(), color::kText));
  cut_top(area, layout.mm(4.0f));
  if (const char* key = lookup_line(session.lookup())) {
    const bool trouble =
        session.lookup() != core::Lookup::pending && session.lookup() != core::Lookup::none;
    cut_top(area, text_centered(frame.draw(), fonts.body, frame.text(key), area.min, area.width(),
                                trouble ? color::kWarning : color::kTextMuted));
    if (session.lookup() == core::Lookup::failed || session.lookup() == core::Lookup::busy) {
      cut_top(area, layout.mm(4.0f));
      Rect retry =
          centred(cut_top(area, layout.touch_target()),
                  ImVec2(std::min(layout.mm(120.0f), area.width()), layout.touch_target()));
      if (frame.button("menu.retry", frame.text("menu.retry"), retry, ButtonKind::secondary,
                       fonts.body)) {
        frame.add_intent(core::screen::Menu::Intent{core::screen::Menu::RetryLookup{}});
      }
    }
    cut_top(area, layout.mm(6.0f));
  }

  // The four tiles share what is left, each at least a touch target high.
  const float gap = layout.mm(6.0f);
  const float tile_h =
      std::clamp((area.height() - 3 * gap) / 4.0f, layout.touch_target() * 2.0f, layout.mm(70.0f));
  for (const auto& tile : kTiles) {
    Rect rect = cut_top(area, tile_h);
    cut_top(area, gap);
    if (draw_tile(frame, tile, rect)) {
      frame.add_intent(core::screen::Menu::Intent{core::screen::Menu::Open{tile.item}});
    }
  }
}

}  // namespace kiosk::ui
