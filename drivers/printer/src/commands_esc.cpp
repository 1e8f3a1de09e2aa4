// ESC commands: text style, alignment, code pages, line spacing, column images (escpos.md section
// 1). Each handler returns the bytes it used, or 0 when the command is not complete yet.
#include <algorithm>

#include <fmt/core.h>

#include "command_params.h"
#include "interpreter_impl.h"

namespace drivers::printer {

using detail::param01;
using detail::to_align;
using detail::u16;

std::size_t Interpreter::Impl::esc(std::span<const std::uint8_t> in) {
  NEED(2);
  std::uint8_t c = in[1];
  switch (c) {
    case '@':
      flush_line();
      reset();
      return 2;
    case '2': line_spacing = 30; return 2;
    case 'i':
    case 'm':
      flush_line();
      sheet.cut();
      return 2;
    case 'L': warn("page mode (ESC L) is printed as standard mode"); return 2;
    case 'S':
    case '<':
    case 'v': return 2;
    case '$':
    case '\\': {
      NEED(4);
      int n = u16(in, 2);
      if (c == '$') {
        sheet.set_x(n);
      } else {
        sheet.move_x(static_cast<std::int16_t>(n));
      }
      return 4;
    }
    case 'c': NEED(4); return 4;
    case 'p': NEED(5); return 5;
    case 'B': NEED(4); return 4;
    case 'W': NEED(10); return 10;
    case '*': {
      NEED(5);
      int m = in[2];
      int columns = u16(in, 3);
      int rows = (m == 32 || m == 33) ? 24 : 8;
      std::size_t k = static_cast<std::size_t>(columns) * (rows / 8);
      NEED(5 + k);
      detail::Glyph image{std::max(columns, 1), rows, {}};
      image.dots.resize(static_cast<std::size_t>(image.width * rows));
      for (int x = 0; x < columns; ++x) {
        for (int y = 0; y < rows; ++y) {
          std::uint8_t byte = in[5 + static_cast<std::size_t>(x * (rows / 8) + y / 8)];
          if (byte & (0x80 >> (y % 8))) image.dots[static_cast<std::size_t>(y * columns + x)] = 1;
        }
      }
      detail::Ink ink;
      ink.sx = (m == 0 || m == 32) ? 2 : 1;
      ink.sy = rows == 8 ? 3 : 1;
      if (columns > 0) sheet.put(std::make_shared<detail::Glyph>(std::move(image)), ink, 0, 0);
      return 5 + k;
    }
    case 'D': {
      for (std::size_t i = 2; i < in.size() && i < 36; ++i) {
        if (in[i] == 0) return i + 1;
      }
      if (in.size() < 36) return 0;
      warn("tab stops (ESC D) without the closing NUL");
      return 2;
    }
    case '&': {
      NEED(5);
      std::size_t y = in[2];
      int c1 = in[3];
      int c2 = in[4];
      std::size_t at = 5;
      for (int ch = c1; ch <= c2 && ch - c1 < 95; ++ch) {
        NEED(at + 1);
        at += 1 + y * in[at];
        NEED(at);
      }
      warn("user-defined characters (ESC &) are not drawn");
      return at;
    }
    case '(': {
      NEED(5);
      std::size_t length = 5 + static_cast<std::size_t>(u16(in, 3));
      NEED(length);
      warn_unknown(in, 3);
      return length;
    }
    case 'Z': {  // QR code on some Chinese firmwares: ESC Z m n k dL dH d...
      NEED(7);
      std::size_t length = static_cast<std::size_t>(u16(in, 5));
      NEED(7 + length);
      print_qr(in.subspan(7, length), in[4], param01(in[3]) & 3);
      return 7 + length;
    }
    default: break;
  }
  NEED(3);
  std::uint8_t n = in[2];
  switch (c) {
    case '!':
      font_b = n & 0x01;
      bold = n & 0x08;
      esc_double_height = n & 0x10;
      esc_double_width = n & 0x20;
      underline = (n & 0x80) ? 1 : 0;
      return 3;
    case 'E':
    case 'G': bold = n & 1; return 3;
    case '-': underline = std::clamp(param01(n), 0, 2); return 3;
    case 'M': font_b = param01(n) == 1; return 3;
    case ' ': right_spacing = n; return 3;
    case 'a': align = to_align(n); return 3;
    case '3': line_spacing = n; return 3;
    case 'd':
      print_line();
      sheet.feed(line_spacing * std::max(0, n - 1));
      return 3;
    case 'J':
      flush_line();
      sheet.feed(n);
      return 3;
    case 't': code_page = n; return 3;
    case '{':
      if (n & 1) warn("upside-down printing (ESC {) is printed the right way up");
      return 3;
    case 'V':
      if (n & 1) warn("90-degree rotation (ESC V) is not drawn rotated");
      return 3;
    case 'e':
    case 'K': warn("reverse feed ignored"); return 3;
    case 'R':
    case '=':
    case 'U':
    case 'r':
    case '%':
    case '?':
    case 'u':
    case 'T': return 3;
    default: break;
  }
  warn_unknown(in, 2);
  return 2;
}

}  // namespace drivers::printer
