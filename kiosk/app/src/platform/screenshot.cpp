#include "platform/screenshot.h"

#include <algorithm>
#include <vector>

#include <SDL_opengl.h>
#include <fmt/core.h>
#include <stb_image_write.h>

namespace kiosk::app {

std::expected<void, std::string> save_screenshot(const std::filesystem::path& path, int width,
                                                 int height) {
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  if (glGetError() != GL_NO_ERROR) return std::unexpected(std::string("glReadPixels failed"));
  return write_bottom_up_png(path, width, height, pixels);
}

std::expected<void, std::string> write_bottom_up_png(const std::filesystem::path& path, int width,
                                                     int height,
                                                     std::span<const std::uint8_t> rgb) {
  if (width <= 0 || height <= 0 || rgb.size() != static_cast<std::size_t>(width) * height * 3) {
    return std::unexpected(fmt::format("{}: no picture to write ({}x{}, {} bytes)", path.string(),
                                       width, height, rgb.size()));
  }
  // GL's rows run bottom-up, PNG's top-down. Reversed here, never with
  // stbi_flip_vertically_on_write: that switch is global to the process and would turn every
  // later receipt PNG from the virtual printer upside down.
  const std::size_t stride = static_cast<std::size_t>(width) * 3;
  std::vector<std::uint8_t> top_down(rgb.size());
  for (int row = 0; row < height; ++row) {
    const auto from = rgb.subspan(static_cast<std::size_t>(height - 1 - row) * stride, stride);
    std::copy(from.begin(), from.end(),
              top_down.begin() + static_cast<std::ptrdiff_t>(row * stride));
  }
  if (path.has_parent_path()) {
    std::error_code ignored;
    std::filesystem::create_directories(path.parent_path(), ignored);
  }
  if (stbi_write_png(path.c_str(), width, height, 3, top_down.data(), width * 3) == 0) {
    return std::unexpected(fmt::format("{}: cannot write the PNG", path.string()));
  }
  return {};
}

}  // namespace kiosk::app
