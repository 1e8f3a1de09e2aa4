// Fuzzes the line breaker with arbitrary bytes (invalid UTF-8 included) at arbitrary widths.
// Invariants: it ends; lines are in order inside the text and do not overlap; only spaces,
// tabs and newlines are left out between them (nothing a person should read is dropped).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/ui/text_breaking.h"

using namespace kiosk::ui;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const float max_width = static_cast<float>(data[0] % 64);  // 0 too: every glyph overflows
  const unsigned mode = data[1] % 3;
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  auto advance = [mode](char32_t cp) -> float {
    switch (mode) {
      case 0: return cp >= 0x2E80 ? 2.0f : 1.0f;
      case 1: return static_cast<float>(cp % 5);  // zero widths too
      default: return 1.5f;
    }
  };
  const auto lines = break_lines(text, max_width, advance);
  std::size_t at = 0;
  for (const LineSpan& line : lines) {
    if (line.begin < at || line.end < line.begin || line.end > text.size()) std::abort();
    for (std::size_t i = at; i < line.begin; ++i) {
      const char c = text[i];
      if (c != ' ' && c != '\t' && c != '\n') std::abort();
    }
    if (line.width < 0.0f) std::abort();
    at = line.end;
  }
  for (std::size_t i = at; i < text.size(); ++i) {
    const char c = text[i];
    if (c != ' ' && c != '\t' && c != '\n') std::abort();
  }
  return 0;
}
