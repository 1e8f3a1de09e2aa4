// ESC, GS, FS and DLE commands (escpos.md section 1). Each handler returns the bytes it used,
// or 0 when the command is not complete yet.
#include <algorithm>

#include <fmt/core.h>

#include "interpreter_impl.h"

namespace drivers::printer {
namespace {
int param01(std::uint8_t n) {
  return n >= '0' ? n - '0' : n;
}  // 0/48, 1/49, 2/50
Align to_align(std::uint8_t n) {
  int v = param01(n);
  return v == 1 ? Align::center : v == 2 ? Align::right : Align::left;
}
int u16(std::span<const std::uint8_t> in, std::size_t at) {
  return in[at] | (in[at + 1] << 8);
}
}  // namespace

#define NEED(n) \
  if (in.size() < (n)) return 0

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

std::size_t Interpreter::Impl::gs(std::span<const std::uint8_t> in) {
  NEED(2);
  std::uint8_t c = in[1];
  switch (c) {
    case '(': return gs_paren(in);
    case ':': return 2;
    case 'v': {
      NEED(8);
      if (in[2] != '0') {
        warn_unknown(in, 3);
        return 3;
      }
      int m = param01(in[3]) & 3;
      int width_bytes = u16(in, 4);
      int height = u16(in, 6);
      std::size_t total = static_cast<std::size_t>(width_bytes) * static_cast<std::size_t>(height);
      flush_line();
      if (total == 0) return 8;
      if (width_bytes * 8 > 4096) {
        warn(fmt::format("raster image {} bytes wide cannot be printed; skipped", width_bytes));
        skip = total;
        return 8;
      }
      raster_width_bytes = width_bytes;
      raster_height = height;
      raster_sx = (m & 1) ? 2 : 1;
      raster_sy = (m & 2) ? 2 : 1;
      raster.clear();
      collecting = Collecting::raster;
      collect = total;
      return 8;
    }
    case '8': {
      NEED(7);
      if (in[2] != 'L') {
        warn_unknown(in, 3);
        return 3;
      }
      std::size_t length =
          in[3] | (in[4] << 8) | (in[5] << 16) | (static_cast<std::size_t>(in[6]) << 24);
      return graphics(in, 7, length);
    }
    case 'k': {
      NEED(3);
      int m = in[2];
      if (m <= 6) {
        for (std::size_t i = 3; i < in.size(); ++i) {
          if (in[i] == 0) {
            print_barcode(m, in.subspan(3, i - 3));
            return i + 1;
          }
          if (i > 300) break;
        }
        if (in.size() <= 300) return 0;
        warn("barcode data (GS k) without the closing NUL");
        return 3;
      }
      NEED(4);
      std::size_t n = in[3];
      NEED(4 + n);
      print_barcode(m, in.subspan(4, n));
      return 4 + n;
    }
    case '*': {
      NEED(4);
      std::size_t length = static_cast<std::size_t>(in[2]) * in[3] * 8;
      warn("downloaded bit images (GS *) are not drawn");
      skip = length;
      return 4;
    }
    case 'V': {
      NEED(3);
      int m = in[2];
      flush_line();
      if (m == 65 || m == 66 || m == 97 || m == 98 || m == 103 || m == 104) {
        NEED(4);
        sheet.feed(in[3]);
        sheet.cut();
        return 4;
      }
      sheet.cut();
      return 3;
    }
    case 'P':
    case 'L':
    case 'W':
    case '$':
    case '\\':
    case 'A': {
      NEED(4);
      int n = u16(in, 2);
      if (c == 'L' || c == 'W') {
        flush_line();
        (c == 'L' ? left_margin : area_width) = n;
        sheet.set_area(left_margin, area_width);
      }
      return 4;
    }
    case '^': NEED(5); return 5;
    default: break;
  }
  NEED(3);
  std::uint8_t n = in[2];
  switch (c) {
    case '!': {
      int w = (n >> 4) + 1;
      int h = (n & 0x0F) + 1;
      if (w <= 8 && h <= 8) {
        size_w = w;
        size_h = h;
      }
      return 3;
    }
    case 'B': reverse = n & 1; return 3;
    case 'H': hri = param01(n) & 3; return 3;
    case 'f': hri_font_b = param01(n) == 1; return 3;
    case 'h': barcode_height = n; return 3;
    case 'w': barcode_module = std::clamp<int>(n, 1, 6); return 3;
    case 'a':
      if (n != 0) {
        std::uint8_t b1 =
            0x10 | (state.offline || state.cover_open || state.paper == Paper::out ? 0x08 : 0) |
            (state.cover_open ? 0x20 : 0);
        std::uint8_t b2 = state.cutter_error ? 0x08 : 0;
        std::uint8_t b3 = state.paper == Paper::out        ? 0x0F
                          : state.paper == Paper::near_end ? 0x03
                                                           : 0;
        reply({b1, b2, b3, 0x00});
      }
      return 3;
    case 'r':
      if (param01(n) == 1) {
        // Paper end as the firmwares that still answer then do (0x0F, escpos.md 1.9.3).
        reply({static_cast<std::uint8_t>(state.paper == Paper::out        ? 0x0F
                                         : state.paper == Paper::near_end ? 0x03
                                                                          : 0x00)});
      } else {
        reply({0x00});
      }
      return 3;
    case 'I': {
      int v = n;
      if (v == 1 || v == 49)
        reply({0x20});
      else if (v == 2 || v == 50)
        reply({0x03});
      else if (v == 3 || v == 51)
        reply({0x40});
      else if (v >= 65 && v <= 69)
        reply({0x5F, 'V', 'P', 0x00});
      return 3;
    }
    case 'b':
    case '|':
    case 'T':
    case 'E':
    case 'Z':
    case '/': return 3;
    default: break;
  }
  warn_unknown(in, 2);
  return 2;
}

std::size_t Interpreter::Impl::gs_paren(std::span<const std::uint8_t> in) {
  NEED(5);
  std::uint8_t fn_group = in[2];
  std::size_t length = static_cast<std::size_t>(u16(in, 3));
  std::size_t total = 5 + length;
  if (fn_group == 'L') return graphics(in, 5, length);
  if (fn_group != 'k') {
    if (length > 4096) {
      // Graphics data (GS ( L) can be large: skip it instead of holding it.
      warn(fmt::format("skipped GS ( {:c} with {} bytes of data", static_cast<char>(fn_group),
                       length));
      skip = length;
      return 5;
    }
    NEED(total);
    warn_unknown(in, 3);
    return total;
  }
  NEED(total);
  if (length < 2) return total;
  std::uint8_t cn = in[5];
  std::uint8_t fn = in[6];
  if (cn != 49) {
    warn(fmt::format("2D symbol GS ( k cn={} is not drawn; only QR codes are", cn));
    return total;
  }
  switch (fn) {
    case 65: break;  // model: 1 and micro QR are drawn as model 2
    case 67:
      if (length >= 3) qr_module = std::clamp<int>(in[7], 1, 16);
      break;
    case 69:
      if (length >= 3) qr_ec = std::clamp(in[7] - 48, 0, 3);
      break;
    case 80:
      if (length >= 3)
        qr_data.assign(in.begin() + 8, in.begin() + static_cast<std::ptrdiff_t>(total));
      break;
    case 81: print_qr(qr_data, qr_module, qr_ec); break;
    case 82: reply({0x37, 0x36, 0x00}); break;
    default: warn(fmt::format("GS ( k QR function {} ignored", fn)); break;
  }
  return total;
}

std::size_t Interpreter::Impl::fs(std::span<const std::uint8_t> in) {
  NEED(2);
  std::uint8_t c = in[1];
  switch (c) {
    case '&': hanzi_mode = true; return 2;
    case '.': hanzi_mode = false; return 2;
    case 'S':
      NEED(4);
      hanzi_left = in[2];
      hanzi_right = in[3];
      return 4;
    case 'p':
      NEED(4);
      warn("NV bit images (FS p) are not drawn");
      return 4;
    case '2':
      NEED(76);
      warn("user-defined Hanzi (FS 2) are not drawn");
      return 76;
    case '(': {
      NEED(5);
      std::size_t total = 5 + static_cast<std::size_t>(u16(in, 3));
      NEED(total);
      return total;
    }
    case 'q': {
      NEED(3);
      std::size_t at = 3;
      for (int image = 0; image < in[2]; ++image) {
        NEED(at + 4);
        std::size_t k = static_cast<std::size_t>(u16(in, at)) * u16(in, at + 2) * 8;
        if (k > (std::size_t{1} << 20)) {  // too large to hold: skip its data instead
          warn("NV bit image (FS q) larger than 1 MB skipped");
          skip = k;
          return at + 4;
        }
        at += 4 + k;
        NEED(at);
      }
      warn("NV bit images (FS q) are not stored");
      return at;
    }
    default: break;
  }
  NEED(3);
  std::uint8_t n = in[2];
  switch (c) {
    case '!':
      fs_double_width = n & 0x04;
      fs_double_height = n & 0x08;
      hanzi_underline = (n & 0x80) ? 1 : 0;
      return 3;
    case 'W': fs_double_width = fs_double_height = n & 1; return 3;
    case '-': hanzi_underline = std::clamp(param01(n), 0, 2); return 3;
    case 'C':
    case 'r':
    case 'I': return 3;
    default: break;
  }
  warn_unknown(in, 2);
  return 2;
}

std::size_t Interpreter::Impl::dle(std::span<const std::uint8_t> in) {
  NEED(2);
  std::uint8_t c = in[1];
  if (c == 0x04) {
    NEED(3);
    int n = in[2];
    bool stopped =
        state.offline || state.cover_open || state.paper == Paper::out || state.cutter_error;
    switch (n) {
      case 1: reply({static_cast<std::uint8_t>(0x12 | (stopped ? 0x08 : 0))}); return 3;
      case 2:
        reply({static_cast<std::uint8_t>(0x12 | (state.cover_open ? 0x04 : 0) |
                                         (state.paper == Paper::out ? 0x20 : 0) |
                                         (state.cutter_error ? 0x40 : 0))});
        return 3;
      case 3: reply({static_cast<std::uint8_t>(0x12 | (state.cutter_error ? 0x08 : 0))}); return 3;
      case 4:
        reply({static_cast<std::uint8_t>(0x12 | (state.paper == Paper::out        ? 0x6C
                                                 : state.paper == Paper::near_end ? 0x0C
                                                                                  : 0))});
        return 3;
      case 7:
      case 8:
        NEED(4);
        reply({0x12});
        return 4;
      default: warn_unknown(in, 3); return 3;
    }
  }
  if (c == 0x05) {
    NEED(3);
    return 3;
  }
  if (c == 0x14) {
    NEED(3);
    switch (in[2]) {
      case 1:
      case 2:
      case 3: NEED(5); return 5;
      case 7: NEED(4); return 4;
      case 8: NEED(10); return 10;
      default: return 3;
    }
  }
  warn_unknown(in, 1);
  return 1;
}

}  // namespace drivers::printer
