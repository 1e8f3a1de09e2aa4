#pragma once
// The screen base: what every screen file draws with. It owns the full-screen window
// (Begin/End), the brand bar, the layout in millimetres, the text lookups, and the inputs
// the person's taps become.
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "kiosk/core/session.h"
#include "kiosk/ui/app_view.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/ui/host.h"
#include "kiosk/ui/layout.h"
#include "kiosk/ui/strings.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

// screen: the page itself, under everything. overlay: drawn on top, and takes every touch
// while it shows.
enum class Layer { screen, overlay };

class ScreenFrame {
 public:
  // Opens the layer's window over the whole viewport; the destructor closes it, also when a
  // screen throws.
  ScreenFrame(Layer layer, const core::Session& session, const AppView& view,
              const Catalogue& catalogue, const FontSet& fonts, ItemRects& rects,
              VisitUi& visit_ui);
  ~ScreenFrame();
  ScreenFrame(const ScreenFrame&) = delete;
  ScreenFrame& operator=(const ScreenFrame&) = delete;

  const core::Session& session() const { return m_session; }
  const AppView& view() const { return m_view; }
  const Layout& layout() const { return m_layout; }
  const FontSet& fonts() const { return m_fonts; }
  ImDrawList& draw() { return *m_draw; }
  ItemRects& rects() { return m_rects; }
  // Where the list LIST_ID of this visit is scrolled to (wiped with the visit).
  ScrollState& scroll(std::string_view list_id) { return m_visit_ui.scroll(list_id); }

  const std::string& text(std::string_view key) const;

  // The red bar with the centre's name and the language toggle; returns the area below it,
  // inside the margins.
  Rect brand_bar();
  // A touch button at RECT; true when tapped.
  bool button(std::string_view id, std::string_view label, Rect rect, ButtonKind kind,
              ImFont* font);

  void add(core::Input input) { m_inputs.push_back(std::move(input)); }
  // An intent of the screen being drawn.
  template <class Intent>
  void add_intent(Intent intent) {
    add(core::PersonInput{core::ScreenIntent{std::move(intent)}});
  }
  std::vector<core::Input> take_inputs() { return std::move(m_inputs); }

 private:
  const core::Session& m_session;
  const AppView& m_view;
  const Catalogue& m_catalogue;
  FontSet m_fonts;  // the large-text ones in large-text mode
  ItemRects& m_rects;
  VisitUi& m_visit_ui;
  Layout m_layout;
  ImDrawList* m_draw = nullptr;
  std::vector<core::Input> m_inputs;
};

// Fills the {name} fields of a catalogue string; a bad pattern is shown as written, never throws.
template <class... Args>
std::string fill(const std::string& pattern, const Args&... named) {
  try {
    return fmt::format(fmt::runtime(pattern), named...);
  } catch (const fmt::format_error&) {
    return pattern;
  }
}

// One specialisation per screen, each in its own file under screens/. A screen in the core
// list without one fails to link.
template <class Screen>
void draw_screen(const Screen& screen, ScreenFrame& frame);

// Drawn instead of a screen that failed: the person is told to start again or ask staff.
void draw_error_screen(ScreenFrame& frame);
// Runs DRAW_FN, which draws a screen into FRAME. When it throws, the half-drawn screen is
// covered by the error screen, its taps are dropped, and the reason comes back for the log.
template <class DrawFn>
std::optional<std::string> draw_guarded(ScreenFrame& frame, DrawFn&& draw_fn) {
  try {
    draw_fn();
    return std::nullopt;
  } catch (const std::exception& error) {
    frame.take_inputs();
    draw_error_screen(frame);
    return std::string(error.what());
  }
}

// Along the bottom of every screen but the attract screen (which says it in its own words):
// the reader or the printer cannot be used.
void draw_device_banner(ScreenFrame& frame);
// Over everything in the idle timeout's last seconds: the countdown and "continue".
void draw_idle_overlay(ScreenFrame& frame);

}  // namespace kiosk::ui
