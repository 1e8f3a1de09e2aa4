#include "kiosk/core/keypad.h"

#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "kiosk/core/validation.h"

using namespace kiosk::core;

namespace {
void type(Keypad& pad, std::string_view digits) {
  for (char c : digits) {
    auto key = digit_key(c - '0');
    REQUIRE(key);
    pad.press(*key);
  }
}
}  // namespace

TEST_CASE("digit keys map to and from their digits") {
  for (int d = 0; d <= 9; ++d) CHECK(key_digit(*digit_key(d)) == d);
  CHECK_FALSE(digit_key(10));
  CHECK_FALSE(digit_key(-1));
  CHECK_FALSE(key_digit(KeypadKey::erase));
  CHECK_FALSE(key_digit(KeypadKey::clear));
  CHECK_FALSE(key_digit(KeypadKey::confirm));
}

TEST_CASE("typing appends digits up to the kind's maximum and no further") {
  Keypad mobile(KeypadKind::mobile);
  CHECK(mobile.press(KeypadKey::digit_1) == KeypadResult::typed);
  type(mobile, "3812345678");
  CHECK(mobile.full());
  CHECK(mobile.length() == 11);
  CHECK(mobile.press(KeypadKey::digit_9) == KeypadResult::ignored);
  CHECK(mobile.value().reveal() == "13812345678");

  Keypad account(KeypadKind::bank_account);
  type(account, "62220212345678901234567");
  CHECK(account.length() == 19);
  Keypad pin(KeypadKind::staff_pin);
  type(pin, "1234567890");
  CHECK(pin.length() == 8);
}

TEST_CASE("erase removes the last digit and clear removes all") {
  Keypad pad(KeypadKind::mobile);
  CHECK(pad.press(KeypadKey::erase) == KeypadResult::ignored);
  CHECK(pad.press(KeypadKey::clear) == KeypadResult::ignored);
  type(pad, "1381");
  CHECK(pad.press(KeypadKey::erase) == KeypadResult::erased);
  CHECK(pad.value().reveal() == "138");
  CHECK(pad.press(KeypadKey::clear) == KeypadResult::cleared);
  CHECK(pad.empty());
  CHECK(pad.value().reveal().empty());
}

TEST_CASE("a bank account confirms only with 16 to 19 digits and a passing Luhn check") {
  Keypad pad(KeypadKind::bank_account);
  CHECK(pad.press(KeypadKey::confirm) == KeypadResult::rejected);
  CHECK(pad.validate().error() == "请输入银行卡号");
  type(pad, "622202123456");  // 12 digits: a card check would pass the length, a payee must not
  REQUIRE_FALSE(pad.validate());
  CHECK(pad.validate().error().find("16") != std::string::npos);
  pad.wipe();
  type(pad, "4111111111111111");  // Luhn-valid
  CHECK(pad.press(KeypadKey::confirm) == KeypadResult::confirmed);
  pad.press(KeypadKey::erase);
  type(pad, "2");  // one digit off: Luhn fails
  CHECK(pad.press(KeypadKey::confirm) == KeypadResult::rejected);
  CHECK(pad.validate().error().find("校验") != std::string::npos);
  pad.wipe();
  type(pad, "6222021234567890128");  // 19 digits, Luhn-valid
  CHECK(luhn_valid("6222021234567890128"));
  CHECK(pad.press(KeypadKey::confirm) == KeypadResult::confirmed);
}

TEST_CASE("a mobile number confirms only as 11 digits starting 13 to 19") {
  Keypad pad(KeypadKind::mobile);
  CHECK(pad.validate().error() == "请输入手机号码");
  type(pad, "1381234567");
  CHECK(pad.press(KeypadKey::confirm) == KeypadResult::rejected);
  type(pad, "8");
  CHECK(pad.press(KeypadKey::confirm) == KeypadResult::confirmed);
  pad.wipe();
  type(pad, "12812345678");
  CHECK(pad.press(KeypadKey::confirm) == KeypadResult::rejected);
  CHECK(pad.validate().error().find("13") != std::string::npos);
}

TEST_CASE("a staff PIN takes 4 to 8 digits") {
  Keypad pad(KeypadKind::staff_pin);
  CHECK(pad.validate().error() == "请输入密码");
  type(pad, "123");
  CHECK(pad.press(KeypadKey::confirm) == KeypadResult::rejected);
  type(pad, "4");
  CHECK(pad.press(KeypadKey::confirm) == KeypadResult::confirmed);
  type(pad, "5678");
  CHECK(pad.press(KeypadKey::confirm) == KeypadResult::confirmed);
}

TEST_CASE("the display masks what was typed and never shows a PIN") {
  Keypad account(KeypadKind::bank_account);
  CHECK(account.display().empty());
  type(account, "622");
  CHECK(account.display() == "622");  // the last four typed stay visible to check
  type(account, "2021234567890128");
  CHECK(account.display() == "**** **** **** ***0 128");
  CHECK(account.display().find("62220212") == std::string::npos);

  Keypad mobile(KeypadKind::mobile);
  type(mobile, "13812");
  CHECK(mobile.display() == "138 **");
  type(mobile, "345678");
  CHECK(mobile.display() == "138 **** 5678");

  Keypad pin(KeypadKind::staff_pin);
  type(pin, "9051");
  CHECK(pin.display() == "****");
  // Messages never repeat the digits either.
  type(pin, "0");
  pin.press(KeypadKey::erase);
  Keypad short_pin(KeypadKind::staff_pin);
  type(short_pin, "905");
  CHECK(short_pin.validate().error().find("905") == std::string::npos);
}

TEST_CASE("wipe zeroes the digits and copies are independent") {
  Keypad pad(KeypadKind::mobile);
  type(pad, "13812345678");
  Keypad copy = pad;
  pad.wipe();
  CHECK(pad.empty());
  CHECK(pad.value().reveal().empty());
  CHECK(pad.display().empty());
  CHECK(copy.value().reveal() == "13812345678");
  copy = pad;
  CHECK(copy.empty());
  Keypad pin(KeypadKind::staff_pin);
  type(pin, "1234");
  pin = Keypad(KeypadKind::mobile);
  CHECK(pin.kind() == KeypadKind::mobile);
  CHECK(pin.empty());
}

TEST_CASE("the buffer holds no digit after wipe") {
  // The object's own bytes, read back: a wiped keypad holds no trace of the number.
  Keypad pad(KeypadKind::bank_account);
  type(pad, "4111111111111111");
  pad.wipe();
  const auto* bytes = reinterpret_cast<const unsigned char*>(&pad);
  int ones = 0;
  for (std::size_t i = 0; i < sizeof(pad); ++i) ones += bytes[i] == '1';
  CHECK(ones == 0);
}
