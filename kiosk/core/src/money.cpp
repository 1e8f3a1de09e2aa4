#include "kiosk/core/money.h"

#include <limits>

#include <fmt/core.h>

namespace kiosk::core {

std::string format_yuan(Fen fen) {
  // Work in unsigned so that the most negative value has a magnitude too.
  const bool negative = fen < 0;
  const std::uint64_t magnitude =
      negative ? std::uint64_t{0} - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
  const std::string whole = fmt::format("{}", magnitude / 100);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(whole[i]);
  }
  return fmt::format("{}{}.{:02}", negative ? "-" : "", grouped, magnitude % 100);
}

std::expected<Fen, std::string> parse_yuan(std::string_view text) {
  if (text.empty()) return std::unexpected(std::string("an amount is needed"));
  Fen whole = 0;
  Fen cents = 0;
  int decimals = -1;  // -1: no decimal point seen yet
  bool any_digit = false;
  constexpr Fen kMaxWhole = std::numeric_limits<Fen>::max() / 100 - 1;
  for (char c : text) {
    if (c == ',' && decimals < 0) continue;
    if (c == '.' && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') {
      return std::unexpected(fmt::format("'{}' is not an amount in yuan such as 1234.56", text));
    }
    any_digit = true;
    if (decimals >= 0) {
      if (++decimals > 2) {
        return std::unexpected(fmt::format("'{}' has more than two decimals (fen)", text));
      }
      cents = cents * 10 + (c - '0');
    } else {
      if (whole > kMaxWhole / 10) return std::unexpected(fmt::format("'{}' is too large", text));
      whole = whole * 10 + (c - '0');
    }
  }
  if (!any_digit) return std::unexpected(fmt::format("'{}' has no digits", text));
  if (decimals == 1) cents *= 10;
  return whole * 100 + cents;
}

}  // namespace kiosk::core
