#pragma once
// What the ESC, GS, FS and DLE handlers (commands_*.cpp) share: reading their parameters.
// Each handler returns the bytes it used, or 0 when the command is not complete yet (NEED).
#include <cstddef>
#include <cstdint>
#include <span>

#include "drivers/printer/document.h"

namespace drivers::printer::detail {

// A parameter sent as 0/1/2 or as the digit '0'/'1'/'2' (48/49/50): both forms are in use.
inline int param01(std::uint8_t n) {
  return n >= '0' ? n - '0' : n;
}
inline Align to_align(std::uint8_t n) {
  int v = param01(n);
  return v == 1 ? Align::center : v == 2 ? Align::right : Align::left;
}
// A little-endian 16-bit parameter (nL nH).
inline int u16(std::span<const std::uint8_t> in, std::size_t at) {
  return in[at] | (in[at + 1] << 8);
}

}  // namespace drivers::printer::detail

// The command is not complete until IN holds N bytes: wait for more.
#define NEED(n) \
  if (in.size() < (n)) return 0
