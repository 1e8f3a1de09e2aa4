#pragma once
// Money as an integer count of fen (分, 1/100 yuan). No floating point touches money.
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace kiosk::core {

using Fen = std::int64_t;

// 123456 -> "1,234.56"; -5 -> "-0.05". Thousands separated by commas, always two decimals.
std::string format_yuan(Fen fen);

// "1234.56", "1,234.5", "12" -> fen. At most two decimals; no sign, no exponent.
// The error says what was wrong with the text.
std::expected<Fen, std::string> parse_yuan(std::string_view text);

}  // namespace kiosk::core
