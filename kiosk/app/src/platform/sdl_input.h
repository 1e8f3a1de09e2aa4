#pragma once
// Our own input layer: feeds ImGui from SDL mouse and finger events. The stock 1.86 SDL
// backend polls the global X pointer and captures the mouse every frame, which breaks
// touch on Linux and ignores pushed events (reference/imgui-kiosk.md §3).
#include <SDL.h>
#include <imgui.h>

namespace kiosk::app {

class SdlInput {
 public:
  // Call once before the window exists: hints that keep touch working on X11.
  static void set_hints();

  // Takes one SDL event; returns true when it was a touch or click (the person is there).
  bool handle(const SDL_Event& event, int window_w, int window_h);
  // Writes the pointer state for the next frame into IO. Call before ImGui::NewFrame.
  void apply(ImGuiIO& io);

 private:
  ImVec2 m_pos{-FLT_MAX, -FLT_MAX};
  bool m_down = false;
  bool m_pressed_latch = false;    // a press and release within one frame still clicks
  bool m_release_pending = false;  // after a finger lifts, move the pointer away
  bool m_lifted = false;           // a release since the last frame
  bool m_shown_down = false;       // what the last frame told ImGui
};

}  // namespace kiosk::app
