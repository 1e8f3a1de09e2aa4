#pragma once
// CODE128 symbols as ESC/POS GS k 73 sends them: data starting with "{A", "{B" or "{C",
// "{" escapes for code changes and FNC, set C as binary values 0-99.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace drivers::printer::detail {

struct Code128 {
  std::vector<std::uint8_t> modules;  // 1 = bar, one entry per module, quiet zones excluded
  std::string text;                   // human-readable interpretation
};

// nullopt when the data does not start with a code set selector.
std::optional<Code128> code128(std::span<const std::uint8_t> data);

}  // namespace drivers::printer::detail
