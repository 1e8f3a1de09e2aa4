#include <catch2/catch.hpp>

#include "kiosk/core/money.h"

using kiosk::core::format_yuan;
using kiosk::core::parse_yuan;

TEST_CASE("format_yuan groups thousands and keeps two decimals") {
  CHECK(format_yuan(0) == "0.00");
  CHECK(format_yuan(5) == "0.05");
  CHECK(format_yuan(100) == "1.00");
  CHECK(format_yuan(123456) == "1,234.56");
  CHECK(format_yuan(100000000) == "1,000,000.00");
  CHECK(format_yuan(99999) == "999.99");
  CHECK(format_yuan(-5) == "-0.05");
  CHECK(format_yuan(-123456) == "-1,234.56");
  CHECK(format_yuan(INT64_MIN) == "-92,233,720,368,547,758.08");
}

TEST_CASE("parse_yuan reads what people type and refuses the rest") {
  CHECK(parse_yuan("1234.56").value() == 123456);
  CHECK(parse_yuan("1,234.5").value() == 123450);
  CHECK(parse_yuan("12").value() == 1200);
  CHECK(parse_yuan("0.07").value() == 7);
  CHECK_FALSE(parse_yuan("").has_value());
  CHECK_FALSE(parse_yuan("1.234").has_value());
  CHECK_FALSE(parse_yuan("-1").has_value());
  CHECK_FALSE(parse_yuan("1e3").has_value());
  CHECK_FALSE(parse_yuan(".").has_value());
  CHECK_FALSE(parse_yuan("999999999999999999999").has_value());
  CHECK(parse_yuan(format_yuan(98765432)).value() == 98765432);
}
