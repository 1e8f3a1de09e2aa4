#pragma once
// ISO 7064 MOD 11-2: the check character of a resident ID number (GB 11643), once for the
// card reader and the number a person types.
#include <string_view>

namespace base {

// The check character ('0'-'9' or 'X') for the first 17 digits of an ID number; '\0' when
// FIRST17 is not exactly 17 ASCII digits.
char mod11_2_check(std::string_view first17);

}  // namespace base
