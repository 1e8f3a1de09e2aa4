#include "kiosk/core/validation.h"

#include <algorithm>
#include <chrono>

#include "base/mod11_2.h"

namespace kiosk::core {
namespace {
bool all_digits(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

std::string without_spaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '-') out.push_back(c);
  }
  return out;
}
}  // namespace

bool luhn_valid(std::string_view digits) {
  if (!all_digits(digits)) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

std::string normalize_bank_card(std::string_view number) {
  return without_spaces(number);
}

std::expected<void, std::string> validate_bank_card(std::string_view number) {
  const std::string digits = normalize_bank_card(number);
  if (!all_digits(digits)) return std::unexpected(std::string("银行卡号只能包含数字"));
  if (digits.size() < 12 || digits.size() > 19) {
    return std::unexpected(std::string("银行卡号应为 12 至 19 位数字，请核对"));
  }
  if (!luhn_valid(digits))
    return std::unexpected(std::string("银行卡号校验不通过，请核对是否输错"));
  return {};
}

std::string normalize_mobile(std::string_view number) {
  std::string digits = without_spaces(number);
  if (digits.starts_with("+86"))
    digits.erase(0, 3);
  else if (digits.size() == 13 && digits.starts_with("86"))
    digits.erase(0, 2);
  return digits;
}

std::expected<void, std::string> validate_mobile(std::string_view number) {
  const std::string digits = normalize_mobile(number);
  if (!all_digits(digits) || digits.size() != 11) {
    return std::unexpected(std::string("手机号码应为 11 位数字"));
  }
  if (digits[0] != '1' || digits[1] < '3') {
    return std::unexpected(std::string("手机号码应以 13 至 19 开头，请核对"));
  }
  return {};
}

std::expected<void, std::string> validate_id_number(std::string_view number) {
  if (number.size() != 18 || !all_digits(number.substr(0, 17))) {
    return std::unexpected(std::string("身份证号码应为 18 位：17 位数字加 1 位校验码"));
  }
  const int year = (number[6] - '0') * 1000 + (number[7] - '0') * 100 + (number[8] - '0') * 10 +
                   (number[9] - '0');
  const unsigned month = static_cast<unsigned>((number[10] - '0') * 10 + (number[11] - '0'));
  const unsigned day = static_cast<unsigned>((number[12] - '0') * 10 + (number[13] - '0'));
  const std::chrono::year_month_day birth{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}};
  if (year < 1900 || !birth.ok()) {
    return std::unexpected(std::string("身份证号码中的出生日期无效，请核对"));
  }
  char last = number[17];
  if (last == 'x') last = 'X';
  if (last != base::mod11_2_check(number.substr(0, 17))) {
    return std::unexpected(std::string("身份证号码校验码不符，请核对是否输错"));
  }
  return {};
}

}  // namespace kiosk::core
