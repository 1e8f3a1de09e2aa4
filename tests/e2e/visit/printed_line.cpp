#include "printed_line.h"

#include <stb_image.h>

#include <algorithm>

#include "drivers/printer/document.h"
#include "drivers/printer/encoder.h"
#include "drivers/printer/interpreter.h"
#include "drivers/printer/profile.h"

namespace kiosk::testing {

namespace dp = drivers::printer;

DotRows load_receipt(const std::filesystem::path& png) {
  DotRows rows;
  int channels = 0;
  unsigned char* grey = stbi_load(png.c_str(), &rows.width, &rows.height, &channels, 1);
  if (grey == nullptr) return {};
  const auto count = static_cast<std::size_t>(rows.width) * static_cast<std::size_t>(rows.height);
  rows.black.resize(count);
  for (std::size_t i = 0; i < count; ++i) rows.black[i] = grey[i] < 128;
  stbi_image_free(grey);
  return rows;
}

DotRows printed_line(const std::string& utf8) {
  dp::Document document;
  document.text(utf8, {}, dp::Align::center);
  const dp::Profile profile = dp::generic_80mm();
  auto encoded = dp::encode(document, profile);
  if (!encoded) return {};
  auto pages = dp::render(encoded->bytes, dp::InterpreterOptions::from(profile));
  if (pages.empty()) return {};
  const dp::Page& page = pages.front();
  int top = page.height;
  int bottom = -1;
  for (int y = 0; y < page.height; ++y) {
    for (int x = 0; x < page.width; ++x) {
      if (page.black(x, y)) {
        top = std::min(top, y);
        bottom = y;
        break;
      }
    }
  }
  if (bottom < top) return {};
  DotRows rows{page.width, bottom - top + 1, {}};
  for (int y = top; y <= bottom; ++y) {
    for (int x = 0; x < page.width; ++x) rows.black.push_back(page.black(x, y));
  }
  return rows;
}

bool contains_line(const DotRows& receipt, const DotRows& line) {
  if (line.height == 0 || receipt.width != line.width) return false;
  const auto row_equal = [&](int receipt_y, int line_y) {
    const auto at = receipt.black.begin() + static_cast<std::ptrdiff_t>(receipt_y) * receipt.width;
    const auto want = line.black.begin() + static_cast<std::ptrdiff_t>(line_y) * line.width;
    return std::equal(want, want + line.width, at);
  };
  for (int y = 0; y + line.height <= receipt.height; ++y) {
    int matched = 0;
    while (matched < line.height && row_equal(y + matched, matched)) ++matched;
    if (matched == line.height) return true;
  }
  return false;
}

}  // namespace kiosk::testing
