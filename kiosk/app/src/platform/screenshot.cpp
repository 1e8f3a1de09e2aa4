#include "platform/screenshot.h"

#include <vector>

#include <SDL_opengl.h>
#include <fmt/core.h>
#include <stb_image_write.h>

namespace kiosk::app {

std::expected<void, std::string> save_screenshot(const std::filesystem::path& path, int width,
                                                 int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  if (glGetError() != GL_NO_ERROR) return std::unexpected(std::string("glReadPixels failed"));
  // GL's rows run bottom-up; PNG's top-down.
  stbi_flip_vertically_on_write(1);
  if (path.has_parent_path()) {
    std::error_code ignored;
    std::filesystem::create_directories(path.parent_path(), ignored);
  }
  if (stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3) == 0) {
    return std::unexpected(fmt::format("{}: cannot write the PNG", path.string()));
  }
  return {};
}

}  // namespace kiosk::app
