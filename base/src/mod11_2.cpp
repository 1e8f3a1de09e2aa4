#include "base/mod11_2.h"

#include <algorithm>

namespace base {

char mod11_2_check(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  if (first17.size() != 17 ||
      !std::ranges::all_of(first17, [](char c) { return c >= '0' && c <= '9'; })) {
    return '\0';
  }
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

}  // namespace base
