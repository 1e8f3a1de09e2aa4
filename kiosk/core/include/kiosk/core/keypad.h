#pragma once
// What a person types on the number pad: a bank account, a mobile number or a staff PIN.
// The digits live in a fixed buffer that is zeroed on wipe() and on destruction, so typed
// personal data never lingers in freed memory; the screen only ever sees display(), masked.
#include <array>
#include <cstddef>
#include <expected>
#include <optional>
#include <string>

#include "kiosk/core/secret.h"

namespace kiosk::core {

enum class KeypadKind {
  bank_account,  // 16-19 digits, Luhn (validate_bank_card)
  mobile,        // 11 digits, 1[3-9]... (validate_mobile)
  staff_pin,     // 4-8 digits, never shown
  claim_number,  // 1-9 digits, a receipt's 申报编号 (staff reprint); not personal, shown plain
};

// One key of the number pad. The UI returns these; the session applies them.
enum class KeypadKey {
  digit_0,
  digit_1,
  digit_2,
  digit_3,
  digit_4,
  digit_5,
  digit_6,
  digit_7,
  digit_8,
  digit_9,
  erase,    // delete the last digit
  clear,    // delete every digit
  confirm,  // done typing
};

// The key for DIGIT 0-9; nothing for any other value.
std::optional<KeypadKey> digit_key(int digit);
// The digit 0-9 a key types; nothing for erase, clear and confirm.
std::optional<int> key_digit(KeypadKey key);

// What a key press did.
enum class KeypadResult {
  typed,      // a digit was appended
  erased,     // the last digit was removed
  cleared,    // every digit was removed
  ignored,    // nothing changed: full, already empty
  confirmed,  // confirm, and what was typed is valid
  rejected,   // confirm, and what was typed is not valid: error() says why
};

class Keypad {
 public:
  static constexpr std::size_t kCapacity = 19;  // the longest kind, a bank account

  explicit Keypad(KeypadKind kind);
  Keypad(const Keypad& other);
  Keypad& operator=(const Keypad& other);
  ~Keypad() { wipe(); }

  KeypadKind kind() const { return m_kind; }
  std::size_t min_length() const;
  std::size_t max_length() const;
  std::size_t length() const { return m_length; }
  bool empty() const { return m_length == 0; }
  bool full() const { return m_length >= max_length(); }

  KeypadResult press(KeypadKey key);

  // Nothing when what was typed is acceptable, else a zh-CN message the person can act on
  // (from kiosk/core/validation.h for accounts and phones). Never repeats the digits.
  std::expected<void, std::string> validate() const;

  // What the screen shows while typing, never the plain value:
  //   bank account: groups of 4, every digit but the last 4 typed as '*' ("**** **** 1234")
  //   mobile: 3-4-4 groups, digits 4-7 as '*' ("138 **** 5678")
  //   staff PIN: one '*' per digit
  //   claim number: as typed
  std::string display() const;

  // The typed digits, for the visit to keep (a Secret too). Deliberately a copy.
  Secret value() const;

  // Zeroes the digits and empties the entry.
  void wipe() noexcept;

 private:
  KeypadKind m_kind;
  std::array<char, kCapacity> m_digits{};
  std::size_t m_length = 0;
};

}  // namespace kiosk::core
