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
#include "kiosk/ui/strings.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

struct FrameResult {
  std::vector<core::Input> inputs;  // what the person asked for, in order
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

  // Where a named widget was in the last frame ("attract.language").
  std::optional<ImVec4> item_rect(std::string_view id) const;

 private:
  const Catalogue& m_catalogue;
  FontSet m_fonts;
  ItemRects m_rects;
};

}  // namespace kiosk::ui
