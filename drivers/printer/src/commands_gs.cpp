// GS commands: character size, raster images, barcodes, QR codes, Epson graphics, cut (escpos.md
// section 1). Each handler returns the bytes it used, or 0 when the command is not complete yet.
#include <algorithm>

#include <fmt/core.h>

#include "command_params.h"
#include "interpreter_impl.h"

namespace drivers::printer {

using detail::param01;
using detail::to_align;
using detail::u16;

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

}  // namespace drivers::printer
