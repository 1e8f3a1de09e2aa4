// The virtual printer's image and barcode commands with well-formed headers around fuzzed
// parameters and data, so that the fuzzer spends its time inside them rather than finding
// their framing: GS k in both forms (every m), GS h / GS w / GS H, GS ( L and GS 8 L (every
// fn, stored and printed), ESC * (every m) and GS v 0. Input: a list of records
// [kind, p1, p2, p3, p4, length, data...].
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "drivers/printer/interpreter.h"

namespace {

void u16(std::vector<std::uint8_t>& out, unsigned v) {
  out.push_back(static_cast<std::uint8_t>(v));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> stream;
  std::span<const std::uint8_t> in(data, size);
  while (in.size() >= 6) {
    std::uint8_t kind = in[0];
    std::uint8_t p1 = in[1], p2 = in[2], p3 = in[3], p4 = in[4];
    std::size_t length = in[5];
    in = in.subspan(6);
    std::span<const std::uint8_t> body = in.first(length < in.size() ? length : in.size());
    in = in.subspan(body.size());
    switch (kind % 8) {
      case 0:  // GS k, NUL-terminated form
        stream.insert(stream.end(), {0x1D, 0x6B, static_cast<std::uint8_t>(p1 % 8)});
        for (std::uint8_t b : body) stream.push_back(b == 0 ? '0' : b);
        stream.push_back(0);
        break;
      case 1:  // GS k, length-prefixed form
        stream.insert(stream.end(), {0x1D, 0x6B, static_cast<std::uint8_t>(64 + p1 % 12),
                                     static_cast<std::uint8_t>(body.size())});
        stream.insert(stream.end(), body.begin(), body.end());
        break;
      case 2:  // barcode settings and HRI
        stream.insert(stream.end(),
                      {0x1D, 0x68, p1, 0x1D, 0x77, p2, 0x1D, 0x48, p3, 0x1D, 0x66, p4});
        break;
      case 3:    // GS ( L: fn p1 with a raster/column header from p2-p4 and the body
      case 4: {  // GS 8 L
        std::vector<std::uint8_t> params{48,
                                         p1,
                                         48,
                                         static_cast<std::uint8_t>(1 + p2 % 2),
                                         static_cast<std::uint8_t>(1 + (p2 >> 1) % 2),
                                         49};
        u16(params, p3);
        u16(params, p4 % 64);
        params.insert(params.end(), body.begin(), body.end());
        if (kind % 8 == 3) {
          stream.insert(stream.end(), {0x1D, 0x28, 0x4C});
          u16(stream, static_cast<unsigned>(params.size()));
        } else {
          stream.insert(stream.end(), {0x1D, 0x38, 0x4C});
          u16(stream, static_cast<unsigned>(params.size()));
          u16(stream, 0);
        }
        stream.insert(stream.end(), params.begin(), params.end());
        break;
      }
      case 5:  // print stored graphics
        stream.insert(stream.end(), {0x1D, 0x28, 0x4C, 0x02, 0x00, 0x30, 0x32});
        break;
      case 6:  // ESC * m with the body as column data
        stream.insert(stream.end(), {0x1B, 0x2A, p1});
        u16(stream, p2);
        stream.insert(stream.end(), body.begin(), body.end());
        break;
      default:  // GS v 0 m, p2 bytes wide, p3 rows
        stream.insert(stream.end(), {0x1D, 0x76, 0x30, static_cast<std::uint8_t>(p1 % 4)});
        u16(stream, p2 % 80);
        u16(stream, p3);
        stream.insert(stream.end(), body.begin(), body.end());
        break;
    }
  }
  drivers::printer::InterpreterOptions options;
  options.max_page_dots = 2000;
  options.max_warnings = 8;
  drivers::printer::Interpreter interpreter(options);
  // Two halves, so that commands split across reads are exercised too.
  std::span<const std::uint8_t> all(stream);
  interpreter.feed(all.first(all.size() / 2));
  interpreter.feed(all.subspan(all.size() / 2));
  interpreter.finish();
  for (const auto& page : interpreter.take_pages()) {
    if (page.dots.size() != static_cast<std::size_t>(page.width) * page.height) __builtin_trap();
  }
  return 0;
}
