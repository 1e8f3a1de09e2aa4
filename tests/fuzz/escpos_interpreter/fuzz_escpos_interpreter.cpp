// The virtual printer's interpreter takes any bytes, in any chunks, without crashing, hanging
// or growing without bound. The first byte picks the chunk size, so commands split across
// reads are exercised too; the second picks the printer state the replies are made from.
#include <cstddef>
#include <cstdint>
#include <span>

#include "drivers/printer/interpreter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  std::size_t chunk = (data[0] % 64) + 1;
  drivers::printer::PrinterState state;
  state.paper = static_cast<drivers::printer::Paper>(data[1] % 3);
  state.cover_open = data[1] & 0x04;
  state.offline = data[1] & 0x08;
  state.cutter_error = data[1] & 0x10;
  drivers::printer::InterpreterOptions options;
  options.dots = (data[1] & 0x20) ? 512 : 576;
  // A short page keeps each run cheap; every command is still parsed after the page is full.
  options.max_page_dots = 96;
  options.max_warnings = 8;
  std::size_t replied = 0;
  drivers::printer::Interpreter interpreter(options, [&](std::span<const std::uint8_t> bytes) {
    replied += bytes.size();
  });
  interpreter.set_state(state);
  std::span<const std::uint8_t> rest(data + 2, size - 2);
  while (!rest.empty()) {
    std::size_t n = rest.size() < chunk ? rest.size() : chunk;
    interpreter.feed(rest.first(n));
    rest = rest.subspan(n);
  }
  interpreter.finish();
  for (const auto& page : interpreter.take_pages()) {
    if (page.dots.size() != static_cast<std::size_t>(page.width) * page.height) __builtin_trap();
  }
  return 0;
}
