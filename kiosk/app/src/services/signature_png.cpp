#include "services/signature_png.h"

#include <vector>

#include <stb_image_write.h>

namespace kiosk::app {

std::string signature_png(const core::SignatureBitmap& bitmap) {
  if (bitmap.width <= 0 || bitmap.height <= 0) return {};
  std::vector<unsigned char> grey(bitmap.dots.size());
  for (std::size_t i = 0; i < grey.size(); ++i) grey[i] = bitmap.dots[i] != 0 ? 0x00 : 0xFF;
  std::string png;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
  };
  if (stbi_write_png_to_func(append, &png, bitmap.width, bitmap.height, 1, grey.data(),
                             bitmap.width) == 0) {
    return {};
  }
  return png;
}

}  // namespace kiosk::app
