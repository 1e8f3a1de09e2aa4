#include <catch2/catch.hpp>

#include "kiosk/core/mask.h"

using namespace kiosk::core;

TEST_CASE("names keep the surname only", "[mask]") {
  CHECK(mask_name("张三") == "张*");
  CHECK(mask_name("张三丰") == "张**");
  CHECK(mask_name("欧阳娜娜娜娜") == "欧***");  // never reveals the length of long names
  CHECK(mask_name("王") == "*");
  CHECK(mask_name("") == "");
  CHECK(mask_name("SMITH JOHN") == "S***");
}

TEST_CASE("ID numbers show at most the first 6 and last 4", "[mask]") {
  CHECK(mask_id_number("11010519491231002X") == "110105********002X");
  CHECK(mask_id_number("110105491231002") == "110105*****1002");
  auto short_number = mask_id_number("12345");
  CHECK(short_number.find("2345") == std::string::npos);
}

TEST_CASE("phones and bank accounts", "[mask]") {
  CHECK(mask_phone("13812345678") == "138****5678");
  CHECK(mask_bank_account("6222021234567890123") == "**** 0123");
  CHECK(mask_bank_account("123") == "***");
}
