#pragma once
// Helpers shared by the printer tests: hex literals, QR/barcode reading with zbar, and
// measuring ink on rendered pages.
#include <zbar.h>

#include <algorithm>
#include <cstdint>
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

// Every symbol zbar finds on the page (QR codes and the 1D symbologies). The page is read
// with a white margin around it, as the paper beyond the printable width is white: a
// left-aligned barcode gets the quiet zone a scanner needs.
inline std::vector<Symbol> scan(const drivers::printer::Page& page, int margin = 40) {
  int width = page.width + 2 * margin;
  int height = page.height + 2 * margin;
  std::vector<unsigned char> grey(
      static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 255);
  for (int y = 0; y < page.height; ++y) {
    for (int x = 0; x < page.width; ++x) {
      if (page.black(x, y)) grey[static_cast<std::size_t>((y + margin) * width + x + margin)] = 0;
    }
  }
  zbar_image_scanner_t* scanner = zbar_image_scanner_create();
  zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 1);
  zbar_image_t* image = zbar_image_create();
  zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
  zbar_image_set_size(image, static_cast<unsigned>(width), static_cast<unsigned>(height));
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

// Empty-box (tofu) glyphs on the page: the outline the renderer draws for a character its
// font lacks (glyphs.cpp), found by its pixels in a cell of `cell_w` x `cell_h` dots at
// size 1: a one-dot frame inset 1 dot left and right and 2 dots top and bottom, white inside.
// Independent of what the renderer reports, so a box drawn some other way is found too.
inline int count_tofu(const drivers::printer::Page& page, int cell_w, int cell_h) {
  int found = 0;
  int w = cell_w - 2;  // frame size
  int h = cell_h - 4;
  if (w < 3 || h < 3) return 0;
  auto black = [&](int x, int y) {
    return x >= 0 && y >= 0 && x < page.width && y < page.height && page.black(x, y);
  };
  for (int y = 0; y + h <= page.height; ++y) {
    for (int x = 0; x + w <= page.width; ++x) {
      bool frame = true;
      for (int i = 0; i < w && frame; ++i) frame = black(x + i, y) && black(x + i, y + h - 1);
      for (int j = 0; j < h && frame; ++j) frame = black(x, y + j) && black(x + w - 1, y + j);
      if (!frame) continue;
      bool hollow = true;
      for (int j = 1; j < h - 1 && hollow; ++j) {
        for (int i = 1; i < w - 1 && hollow; ++i) hollow = !black(x + i, y + j);
      }
      if (hollow) ++found;
    }
  }
  return found;
}

// The longest run of black dots in row y.
inline int longest_run(const drivers::printer::Page& page, int y) {
  int best = 0;
  int run = 0;
  for (int x = 0; x < page.width; ++x) {
    run = page.black(x, y) ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

}  // namespace printer_test
