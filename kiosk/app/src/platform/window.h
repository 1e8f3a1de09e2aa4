#pragma once
// The SDL window with its OpenGL 3.3 context, full-screen and borderless on the terminal.
#include <expected>
#include <memory>
#include <string>

#include <SDL.h>

namespace kiosk::app {

struct WindowOptions {
  bool fullscreen = true;
  int width = 1080;  // windowed only
  int height = 1920;
  bool hide_cursor = true;
};

class Window {
 public:
  // Fails with a message a person can act on (no display, no OpenGL).
  static std::expected<Window, std::string> open(const WindowOptions& options);

  Window(Window&& other) noexcept;
  Window& operator=(Window&&) = delete;
  ~Window();

  void swap() { SDL_GL_SwapWindow(m_window); }
  // Drawable size in pixels.
  int width() const;
  int height() const;
  SDL_Window* handle() const { return m_window; }

 private:
  Window(SDL_Window* window, SDL_GLContext context) : m_window(window), m_context(context) {}
  SDL_Window* m_window = nullptr;
  SDL_GLContext m_context = nullptr;
};

}  // namespace kiosk::app
