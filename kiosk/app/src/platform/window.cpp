#include "platform/window.h"

#include <cstdlib>
#include <string>
#include <utility>

#include <fmt/core.h>

#include "platform/sdl_input.h"

namespace kiosk::app {

std::expected<Window, std::string> Window::open(const WindowOptions& options) {
  SdlInput::set_hints();
  // VIDEO (with its EVENTS) and TIMER only: a joystick or sensor subsystem would make
  // SDL_WaitEventTimeout poll instead of sleeping.
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    return std::unexpected(fmt::format(
        "no display: SDL could not start video ({}). Start the kiosk in an X or Wayland session, "
        "or run it under xvfb-run for tests",
        SDL_GetError()));
  }
  // With no X or Wayland display SDL falls back to its offscreen driver, and the kiosk would
  // run where nobody can see it. Only an explicit SDL_VIDEODRIVER may ask for that.
  std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
  bool invisible = driver == "offscreen" || driver == "dummy";
  if (invisible && std::getenv("SDL_VIDEODRIVER") == nullptr) {
    SDL_Quit();
    return std::unexpected(fmt::format(
        "no display: neither X (DISPLAY) nor Wayland (WAYLAND_DISPLAY) is available, only SDL's "
        "'{}' driver. Start the kiosk in an X or Wayland session, or run it under xvfb-run",
        driver));
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
  int w = options.width, h = options.height;
  if (options.fullscreen) {
    flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    SDL_DisplayMode mode;
    if (SDL_GetDesktopDisplayMode(0, &mode) == 0) {
      w = mode.w;
      h = mode.h;
    }
  }
  SDL_Window* window = SDL_CreateWindow("职工服务自助终端", SDL_WINDOWPOS_CENTERED,
                                        SDL_WINDOWPOS_CENTERED, w, h, flags);
  if (window == nullptr) {
    std::string error = SDL_GetError();
    SDL_Quit();
    return std::unexpected(fmt::format("cannot open a {}x{} window: {}", w, h, error));
  }
  SDL_GLContext context = SDL_GL_CreateContext(window);
  if (context == nullptr) {
    std::string error = SDL_GetError();
    SDL_DestroyWindow(window);
    SDL_Quit();
    return std::unexpected(fmt::format(
        "no OpenGL 3.3: {}. Install the Debian package libgl1-mesa-dri for software rendering",
        error));
  }
  SDL_GL_MakeCurrent(window, context);
  SDL_GL_SetSwapInterval(1);
  if (options.hide_cursor) SDL_ShowCursor(SDL_DISABLE);
  // No desktop input method should pop up over the kiosk.
  SDL_StopTextInput();
  return Window(window, context);
}

Window::Window(Window&& other) noexcept
    : m_window(std::exchange(other.m_window, nullptr)),
      m_context(std::exchange(other.m_context, nullptr)) {}

Window::~Window() {
  if (m_window == nullptr) return;
  SDL_GL_DeleteContext(m_context);
  SDL_DestroyWindow(m_window);
  SDL_Quit();
}

int Window::width() const {
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(m_window, &w, &h);
  return w;
}

int Window::height() const {
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(m_window, &w, &h);
  return h;
}

}  // namespace kiosk::app
