// FS commands (Hanzi mode, user-defined Hanzi) and DLE real-time status requests (escpos.md section
// 1). Each handler returns the bytes it used, or 0 when the command is not complete yet.
#include <algorithm>

#include <fmt/core.h>

#include "command_params.h"
#include "interpreter_impl.h"

namespace drivers::printer {

using detail::param01;
using detail::to_align;
using detail::u16;

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
