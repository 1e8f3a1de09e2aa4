#include "platform/sdl_input.h"

namespace kiosk::app {

void SdlInput::set_hints() {
  // SDL 2.26 captures the mouse on button down by default, which loses the touch-up event
  // on X11 (SDL#9709).
  SDL_SetHint(SDL_HINT_MOUSE_AUTO_CAPTURE, "0");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
}

bool SdlInput::handle(const SDL_Event& event, int window_w, int window_h) {
  switch (event.type) {
    case SDL_MOUSEMOTION:
      if (event.motion.which == SDL_TOUCH_MOUSEID) return false;  // fingers come as FINGER*
      m_pos = ImVec2(static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
      return false;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT) {
        return false;
      }
      m_pos = ImVec2(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
      m_down = event.type == SDL_MOUSEBUTTONDOWN;
      if (m_down) m_pressed_latch = true;
      if (!m_down) m_lifted = true;
      return true;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
      // Finger coordinates are normalised to the window.
      m_pos = ImVec2(event.tfinger.x * static_cast<float>(window_w),
                     event.tfinger.y * static_cast<float>(window_h));
      if (event.type == SDL_FINGERDOWN) {
        m_down = true;
        m_pressed_latch = true;
      } else if (event.type == SDL_FINGERUP) {
        m_down = false;
        m_lifted = true;
        m_release_pending = true;
      }
      return event.type != SDL_FINGERMOTION;
    default: return false;
  }
}

void SdlInput::apply(ImGuiIO& io) {
  io.MousePos = m_pos;
  if (m_lifted && m_shown_down) {
    // The button ImGui last saw held was lifted, and pressed again, before this frame: show
    // the lift first, or ImGui takes both gestures for one long press (a second tap lost, a
    // second drag moving the list back). The new press shows next frame.
    io.MouseDown[0] = false;
    m_lifted = false;
    m_shown_down = false;
    m_pressed_latch = m_pressed_latch || m_down;
    return;
  }
  m_lifted = false;
  io.MouseDown[0] = m_down || m_pressed_latch;
  m_shown_down = io.MouseDown[0];
  m_pressed_latch = false;
  if (m_release_pending && !m_down) {
    // The release is seen this frame at the finger's place; from the next frame on the
    // pointer is nowhere, so no button stays in its "hovered" colour.
    m_release_pending = false;
    m_pos = ImVec2(-FLT_MAX, -FLT_MAX);
  }
}

}  // namespace kiosk::app
