#pragma once
// The screens' host: maps the session's current screen to the file that draws it, draws the
// overlay layer (idle countdown, device banners) on top, and guards each frame: a screen that
// fails shows the error screen and reports why, it never ends the program.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/session.h"
#include "kiosk/ui/app_view.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/ui/scroll_list.h"
#include "kiosk/ui/strings.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

// What the UI keeps between frames for one visit: where each list is scrolled to. The
// session's screens own every other piece of input; this is wiped with the visit.
class VisitUi {
 public:
  ScrollState& scroll(std::string_view list_id);
  void wipe() { m_scrolls.clear(); }
  bool empty() const { return m_scrolls.empty(); }

 private:
  std::map<std::string, ScrollState, std::less<>> m_scrolls;
};

struct FrameResult {
  std::vector<core::Input> inputs;     // what the person asked for, in order
  std::optional<std::string> failure;  // a screen failed: for the log (no personal data)
};

class Host {
 public:
  explicit Host(const Catalogue& catalogue) : m_catalogue(catalogue) {}

  void set_fonts(const FontSet& fonts) { m_fonts = fonts; }

  // Draws one frame; call between ImGui::NewFrame and ImGui::Render.
  FrameResult draw(const core::Session& session, const AppView& view);

  // The visit ended: forget everything the UI kept for it (positions of lists, what the
  // last frame drew).
  void wipe();

  const VisitUi& visit_ui() const { return m_visit_ui; }
  // Every named widget of the last frame and where it was.
  const ItemRects& item_rects() const { return m_rects; }
  // Where a named widget was in the last frame ("attract.language").
  std::optional<ImVec4> item_rect(std::string_view id) const;

 private:
  const Catalogue& m_catalogue;
  FontSet m_fonts;
  ItemRects m_rects;
  VisitUi m_visit_ui;
};

}  // namespace kiosk::ui
