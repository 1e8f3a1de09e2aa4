#pragma once
// Shared by the screen files: the frame being drawn and its text lookups.
#include <string>

#include <fmt/format.h>

#include "kiosk/ui/screens.h"

namespace kiosk::ui {

struct Screens::Frame {
  const ScreenView& view;
  const Catalogue& catalogue;
  ImDrawList& draw;
  ImVec2 origin;
  ImVec2 size;
  std::vector<core::Input> intents;

  const std::string& text(std::string_view key) const {
    return catalogue.text(key, view.session.language());
  }
  bool portrait() const { return size.y > size.x; }
  // The red bar at the top of every screen.
  float brand_bar_height() const { return size.y * (portrait() ? 0.085f : 0.13f); }
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

}  // namespace kiosk::ui
