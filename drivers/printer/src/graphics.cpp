// Epson's graphics commands GS ( L and GS 8 L (escpos.md 1.7): fn 112 stores a raster image
// and fn 113 a column image in the print buffer, fn 50 prints it. The other functions
// (capacity queries, dot density, NV and download graphics) are parsed by their length and
// skipped: a generator sends some of them before storing an image.
#include <algorithm>
#include <utility>

#include <fmt/core.h>

#include "interpreter_impl.h"

namespace drivers::printer {
namespace {
// Largest image the virtual printer holds: wider than any paper, as tall as Epson allows.
constexpr int kMaxGraphicsWidth = 4096;
constexpr int kMaxGraphicsHeight = 4800;
constexpr std::size_t kHeld = 4096;  // parameters of other functions held before skipping
}  // namespace

std::size_t Interpreter::Impl::graphics(std::span<const std::uint8_t> in, std::size_t header,
                                        std::size_t length) {
  auto skip_rest = [&](std::size_t from) {
    // Bytes of this command after `from` that are not in `in` yet are skipped as they come.
    std::size_t end = header + length;
    std::size_t here = std::min(end, in.size());
    skip = end - here;
    return std::max(from, here);
  };
  if (length < 2) {
    if (in.size() < header + length) return 0;
    warn(fmt::format("graphics command (GS {:c} L) with {} bytes of parameters ignored",
                     static_cast<char>(in[1]), length));
    return header + length;
  }
  if (in.size() < header + 2) return 0;
  int fn = in[header + 1];
  if (fn == 112 || fn == 113 || fn == 2 || fn == 50) {
    if (fn == 2 || fn == 50) {  // print the stored graphics
      if (in.size() < header + length && length <= kHeld) return 0;
      flush_line();
      if (stored_graphics.width == 0) {
        warn("GS ( L fn 50: no graphics stored; nothing printed");
      } else {
        if (stored_graphics.width * stored_sx > sheet.area_width()) {
          warn(fmt::format("graphics {} dots wide are wider than the print area; clipped",
                           stored_graphics.width * stored_sx));
        }
        sheet.block(stored_graphics, stored_sx, stored_sy, align);
        stored_graphics = {};
      }
      return skip_rest(header + std::min<std::size_t>(length, in.size() - header));
    }
    if (length < 10) {
      if (in.size() < header + length) return 0;
      warn(fmt::format("GS ( L fn {} with {} bytes of parameters is too short; ignored", fn,
                       length));
      return header + length;
    }
    if (in.size() < header + 10) return 0;
    std::span<const std::uint8_t> p = in.subspan(header, 10);
    int tone = p[2];
    int bx = p[3];
    int by = p[4];
    int width = p[6] | (p[7] << 8);
    int height = p[8] | (p[9] << 8);
    std::size_t data = length - 10;
    std::size_t need =
        fn == 112 ? static_cast<std::size_t>((width + 7) / 8) * static_cast<std::size_t>(height)
                  : static_cast<std::size_t>(width) * static_cast<std::size_t>((height + 7) / 8);
    std::string problem;
    if (tone != 48) problem = fmt::format("multiple-tone graphics (a = {})", tone);
    if ((bx != 1 && bx != 2) || (by != 1 && by != 2)) problem = fmt::format("scale {}x{}", bx, by);
    if (width == 0 || height == 0 || width > kMaxGraphicsWidth || height > kMaxGraphicsHeight) {
      problem = fmt::format("size {}x{} dots", width, height);
    }
    if (data < need) problem = fmt::format("{} bytes of data for {} needed", data, need);
    if (!problem.empty()) {
      warn(fmt::format("GS ( L fn {}: {} cannot be printed; skipped", fn, problem));
      skip = data;
      return header + 10;
    }
    graphics_width = width;
    graphics_height = height;
    graphics_extra = data - need;  // skipped after the image
    stored_sx = bx;
    stored_sy = by;
    raster.clear();
    collecting = fn == 112 ? Collecting::graphics_raster : Collecting::graphics_column;
    collect = need;
    return header + 10;
  }
  // Other functions: their parameters are skipped; they draw nothing.
  switch (fn) {
    case 48:  // transmit the NV graphics capacity
    case 49:  // reference dot density
    case 51:  // transmit the remaining NV capacity
    case 52:  // transmit the remaining download capacity
      break;
    default:
      warn(fmt::format("GS {:c} L fn {} (NV or download graphics) is not drawn; skipped",
                       static_cast<char>(in[1]), fn));
      break;
  }
  if (length <= kHeld && in.size() < header + length) return 0;
  return skip_rest(header + 2);
}

KIOSK_PIXEL_LOOP void Interpreter::Impl::graphics_done() {
  detail::Glyph image{graphics_width, graphics_height, {}};
  image.dots.resize(static_cast<std::size_t>(graphics_width) *
                    static_cast<std::size_t>(graphics_height));
  if (collecting == Collecting::graphics_raster) {
    std::size_t row_bytes = static_cast<std::size_t>((graphics_width + 7) / 8);
    for (int y = 0; y < graphics_height; ++y) {
      for (int x = 0; x < graphics_width; ++x) {
        std::uint8_t byte =
            raster[static_cast<std::size_t>(y) * row_bytes + static_cast<std::size_t>(x / 8)];
        if (byte & (0x80 >> (x % 8)))
          image.dots[static_cast<std::size_t>(y * graphics_width + x)] = 1;
      }
    }
  } else {
    // Column format: each column top to bottom, 8 dots per byte, MSB on top.
    std::size_t column_bytes = static_cast<std::size_t>((graphics_height + 7) / 8);
    for (int x = 0; x < graphics_width; ++x) {
      for (int y = 0; y < graphics_height; ++y) {
        std::uint8_t byte =
            raster[static_cast<std::size_t>(x) * column_bytes + static_cast<std::size_t>(y / 8)];
        if (byte & (0x80 >> (y % 8)))
          image.dots[static_cast<std::size_t>(y * graphics_width + x)] = 1;
      }
    }
  }
  skip = std::exchange(graphics_extra, 0);
  raster.clear();
  collecting = Collecting::raster;
  if (stored_graphics.width != 0) warn("GS ( L: stored graphics replaced before they were printed");
  stored_graphics = std::move(image);
}

}  // namespace drivers::printer
