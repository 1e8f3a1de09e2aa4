#include <fstream>

#include <fmt/core.h>
#include <stb_image_write.h>

#include "drivers/printer/interpreter.h"

namespace drivers::printer {

std::vector<std::uint8_t> encode_png(const Page& page) {
  // Black-and-white pages compress almost as well at a low level, several times faster than
  // stb's default of 8. Set once, before any thread writes a PNG through us.
  static const bool kLevelSet = [] {
    stbi_write_png_compression_level = 3;
    stbi_write_force_png_filter = 0;  // trying all five filters per row costs 5x
    return true;
  }();
  (void)kLevelSet;
  std::vector<std::uint8_t> grey(page.dots.size());
  for (std::size_t i = 0; i < grey.size(); ++i) grey[i] = page.dots[i] ? 0 : 255;
  std::vector<std::uint8_t> out;
  if (page.width <= 0 || page.height <= 0) return out;
  stbi_write_png_to_func(
      [](void* context, void* data, int size) {
        auto* bytes = static_cast<std::vector<std::uint8_t>*>(context);
        auto* p = static_cast<std::uint8_t*>(data);
        bytes->insert(bytes->end(), p, p + size);
      },
      &out, page.width, page.height, 1, grey.data(), page.width);
  return out;
}

std::expected<void, Error> write_png(const Page& page, const std::filesystem::path& file) {
  auto png = encode_png(page);
  if (png.empty()) return std::unexpected(Error{"the page is empty; there is nothing to write"});
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
  out.close();
  if (!out) {
    return std::unexpected(
        Error{fmt::format("cannot write {}; check that its folder exists and is writable",
                          file.string())});
  }
  return {};
}

}  // namespace drivers::printer
