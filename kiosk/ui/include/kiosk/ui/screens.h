#pragma once
// The screens: functions of the session's state that draw one full-screen window and
// return what the person asked for. They hold no business state.
#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "kiosk/core/session.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/ui/strings.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

// Local wall-clock time for the clock and the date line (weekday 0 = Sunday).
struct WallClock {
  int year = 2026, month = 1, day = 1, weekday = 0, hour = 0, minute = 0;
};

struct ScreenView {
  const core::Session& session;
  WallClock wall;
  std::chrono::seconds idle_left{0};
  std::string_view center_name;
  bool demo = false;  // simulated devices: show the demo keys
};

class Screens {
 public:
  explicit Screens(const Catalogue& catalogue) : m_catalogue(catalogue) {}

  void set_fonts(const FontSet& fonts) { m_fonts = fonts; }

  // Draws the current screen; call between ImGui::NewFrame and ImGui::Render.
  std::vector<core::Input> draw(const ScreenView& view);

  // Where a named widget was in the last frame ("attract.language").
  std::optional<ImVec4> item_rect(std::string_view id) const;

 private:
  struct Frame;  // what one draw call needs; defined in screens_internal.h
  void draw_attract(Frame& frame);
  void draw_identified(Frame& frame);
  void draw_brand_bar(Frame& frame, float height);

  const Catalogue& m_catalogue;
  FontSet m_fonts;
  ItemRects m_rects;
};

}  // namespace kiosk::ui
