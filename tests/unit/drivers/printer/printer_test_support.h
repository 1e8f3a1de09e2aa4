#pragma once
// Helpers shared by the printer tests: hex literals, QR/barcode reading with zbar, and
// measuring ink on rendered pages.
#include <zbar.h>

#include <cstdint>
#include <algorithm>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/printer/interpreter.h"

namespace printer_test {
using namespace zbar;

// "1B 40 0A" -> bytes.
inline std::vector<std::uint8_t> hex(std::string_view text) {
  std::vector<std::uint8_t> out;
  std::istringstream in{std::string(text)};
  std::string byte;
  while (in >> byte) out.push_back(static_cast<std::uint8_t>(std::stoul(byte, nullptr, 16)));
  return out;
}

inline std::vector<std::uint8_t> bytes_of(std::string_view text) {
  return {text.begin(), text.end()};
}

struct Symbol {
  std::string type;
  std::string data;
};

// Every symbol zbar finds on the page (QR codes and CODE128).
inline std::vector<Symbol> scan(const drivers::printer::Page& page) {
  std::vector<unsigned char> grey(page.dots.size());
  for (std::size_t i = 0; i < grey.size(); ++i) grey[i] = page.dots[i] ? 0 : 255;
  zbar_image_scanner_t* scanner = zbar_image_scanner_create();
  zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 1);
  zbar_image_t* image = zbar_image_create();
  zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
  zbar_image_set_size(image, static_cast<unsigned>(page.width), static_cast<unsigned>(page.height));
  zbar_image_set_data(image, grey.data(), grey.size(), nullptr);
  zbar_scan_image(scanner, image);
  std::vector<Symbol> found;
  for (const zbar_symbol_t* s = zbar_image_first_symbol(image); s; s = zbar_symbol_next(s)) {
    found.push_back({zbar_get_symbol_name(zbar_symbol_get_type(s)), zbar_symbol_get_data(s)});
  }
  zbar_image_destroy(image);
  zbar_image_scanner_destroy(scanner);
  return found;
}

// Black dots inside a rectangle (clipped to the page).
inline int ink(const drivers::printer::Page& page, int x0, int y0, int x1, int y1) {
  int n = 0;
  for (int y = std::max(0, y0); y < std::min(page.height, y1); ++y) {
    for (int x = std::max(0, x0); x < std::min(page.width, x1); ++x) n += page.black(x, y);
  }
  return n;
}

}  // namespace printer_test
