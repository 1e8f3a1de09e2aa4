#include "kiosk/core/keypad.h"

#include <string_view>

#include "kiosk/core/validation.h"

namespace kiosk::core {

std::optional<KeypadKey> digit_key(int digit) {
  if (digit < 0 || digit > 9) return std::nullopt;
  return static_cast<KeypadKey>(static_cast<int>(KeypadKey::digit_0) + digit);
}

std::optional<int> key_digit(KeypadKey key) {
  const int index = static_cast<int>(key) - static_cast<int>(KeypadKey::digit_0);
  if (index < 0 || index > 9) return std::nullopt;
  return index;
}

Keypad::Keypad(KeypadKind kind) : m_kind(kind) {}

Keypad::Keypad(const Keypad& other)
    : m_kind(other.m_kind), m_digits(other.m_digits), m_length(other.m_length) {}

Keypad& Keypad::operator=(const Keypad& other) {
  if (this != &other) {
    wipe();
    m_kind = other.m_kind;
    m_digits = other.m_digits;
    m_length = other.m_length;
  }
  return *this;
}

std::size_t Keypad::min_length() const {
  switch (m_kind) {
    case KeypadKind::bank_account: return 16;
    case KeypadKind::mobile: return 11;
    case KeypadKind::staff_pin: return 4;
    case KeypadKind::claim_number: return 1;
  }
  return 0;
}

std::size_t Keypad::max_length() const {
  switch (m_kind) {
    case KeypadKind::bank_account: return 19;
    case KeypadKind::mobile: return 11;
    case KeypadKind::staff_pin: return 8;
    case KeypadKind::claim_number: return 9;
  }
  return 0;
}

KeypadResult Keypad::press(KeypadKey key) {
  if (auto digit = key_digit(key)) {
    if (full()) return KeypadResult::ignored;
    m_digits[m_length++] = static_cast<char>('0' + *digit);
    return KeypadResult::typed;
  }
  switch (key) {
    case KeypadKey::erase:
      if (empty()) return KeypadResult::ignored;
      m_digits[--m_length] = '\0';
      return KeypadResult::erased;
    case KeypadKey::clear:
      if (empty()) return KeypadResult::ignored;
      wipe();
      return KeypadResult::cleared;
    case KeypadKey::confirm: return validate() ? KeypadResult::confirmed : KeypadResult::rejected;
    default: return KeypadResult::ignored;
  }
}

std::expected<void, std::string> Keypad::validate() const {
  const std::string_view typed(m_digits.data(), m_length);
  if (m_length == 0) {
    switch (m_kind) {
      case KeypadKind::bank_account: return std::unexpected(std::string("请输入银行卡号"));
      case KeypadKind::mobile: return std::unexpected(std::string("请输入手机号码"));
      case KeypadKind::staff_pin: return std::unexpected(std::string("请输入密码"));
      case KeypadKind::claim_number: return std::unexpected(std::string("请输入申报编号"));
    }
  }
  switch (m_kind) {
    case KeypadKind::bank_account:
      // The card check allows 12 digits (old passbook accounts); a claim's payee account
      // must be a bank card of 16 to 19.
      if (m_length < min_length()) {
        return std::unexpected(std::string("银行卡号应为 16 至 19 位数字，请核对卡面"));
      }
      return validate_bank_card(typed);
    case KeypadKind::mobile: return validate_mobile(typed);
    case KeypadKind::staff_pin:
      if (m_length < min_length()) return std::unexpected(std::string("密码应为 4 至 8 位数字"));
      return {};
    case KeypadKind::claim_number: return {};
  }
  return {};
}

std::string Keypad::display() const {
  std::string out;
  switch (m_kind) {
    case KeypadKind::bank_account:
      for (std::size_t i = 0; i < m_length; ++i) {
        if (i > 0 && i % 4 == 0) out += ' ';
        out += (i + 4 >= m_length) ? m_digits[i] : '*';
      }
      break;
    case KeypadKind::mobile:
      for (std::size_t i = 0; i < m_length; ++i) {
        if (i == 3 || i == 7) out += ' ';
        out += (i >= 3 && i < 7) ? '*' : m_digits[i];
      }
      break;
    case KeypadKind::staff_pin: out.assign(m_length, '*'); break;
    case KeypadKind::claim_number: out.assign(m_digits.data(), m_length); break;
  }
  return out;
}

Secret Keypad::value() const {
  return Secret(std::string_view(m_digits.data(), m_length));
}

void Keypad::wipe() noexcept {
  secure_zero(m_digits.data(), m_digits.size());
  m_length = 0;
}

}  // namespace kiosk::core
