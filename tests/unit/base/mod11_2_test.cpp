// ISO 7064 MOD 11-2 against ID numbers whose check characters are published (GB 11643's own
// example, the Hong Kong, Macao and Taiwan residence-permit examples), 'X' included.
#include <catch2/catch.hpp>

#include "base/mod11_2.h"

using base::mod11_2_check;

TEST_CASE("mod11_2: known ID numbers, 'X' included") {
  CHECK(mod11_2_check("11010519491231002") == 'X');  // GB 11643-1999's example
  CHECK(mod11_2_check("44052418800101001") == '4');
  CHECK(mod11_2_check("44030619880512223") == '6');
  CHECK(mod11_2_check("81000019940823002") == '1');  // Hong Kong residence permit
  CHECK(mod11_2_check("83000019920130002") == '2');  // Taiwan residence permit
}

TEST_CASE("mod11_2: anything but 17 ASCII digits has no check character") {
  CHECK(mod11_2_check("8300001992013000") == '\0');    // 16 digits
  CHECK(mod11_2_check("830000199201300020") == '\0');  // 18 digits
  CHECK(mod11_2_check("8300001992013000A") == '\0');
  CHECK(mod11_2_check("8300001992013000 ") == '\0');
  CHECK(mod11_2_check("") == '\0');
}
