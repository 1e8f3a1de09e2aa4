#include <catch2/catch.hpp>

#include "kiosk/core/validation.h"

using namespace kiosk::core;

TEST_CASE("Luhn check over bank card numbers") {
  CHECK(luhn_valid("79927398713"));
  CHECK(luhn_valid("4111111111111111"));
  CHECK_FALSE(luhn_valid("79927398710"));
  CHECK_FALSE(luhn_valid("7992739871a"));
  CHECK_FALSE(luhn_valid(""));
  CHECK(validate_bank_card("6222021234567890128").has_value());
  CHECK(validate_bank_card("6222 0212 3456 7890 128").has_value());
  CHECK_FALSE(validate_bank_card("6222021234567890123").has_value());   // check digit wrong
  CHECK_FALSE(validate_bank_card("42").has_value());                    // too short
  CHECK_FALSE(validate_bank_card("62220212345678901281").has_value());  // 20 digits
  CHECK(normalize_bank_card("6222 0212-3456") == "622202123456");
}

TEST_CASE("mobile numbers: 11 digits from 13 to 19, optional +86") {
  CHECK(validate_mobile("13812345678").has_value());
  CHECK(validate_mobile("+86 138 1234 5678").has_value());
  CHECK(validate_mobile("8619912345678").has_value());
  CHECK(normalize_mobile("+86 138 1234 5678") == "13812345678");
  CHECK_FALSE(validate_mobile("12812345678").has_value());
  CHECK_FALSE(validate_mobile("1381234567").has_value());
  CHECK_FALSE(validate_mobile("23812345678").has_value());
  CHECK_FALSE(validate_mobile("1381234567a").has_value());
}

TEST_CASE("resident ID numbers: MOD 11-2 check character and birth date") {
  CHECK(validate_id_number("11010519491231002X").has_value());
  CHECK(validate_id_number("11010519491231002x").has_value());
  CHECK(validate_id_number("440306198805122236").has_value());
  CHECK_FALSE(validate_id_number("440306198805122237").has_value());  // check digit
  CHECK_FALSE(validate_id_number("440306198802302231").has_value());  // 30 February
  CHECK_FALSE(validate_id_number("44030618880512223X").has_value());  // born 1888
  CHECK_FALSE(validate_id_number("4403061988051222").has_value());
  CHECK_FALSE(validate_id_number("44030619880512223Y").has_value());
  // Messages never echo the number back.
  auto error = validate_id_number("440306198805122237").error();
  CHECK(error.find("440306") == std::string::npos);
}
