#pragma once
// Checks of what a person types or a card reports, before anything is saved or sent.
// Each returns nothing when the value is acceptable, or a message the person can act on
// (zh-CN, suitable for the screen). Messages never repeat the value itself.
#include <expected>
#include <string>
#include <string_view>

namespace kiosk::core {

// The Luhn (mod 10) check over a string of digits; false for anything but digits.
bool luhn_valid(std::string_view digits);

// A bank card number: 12 to 19 digits (spaces allowed and ignored), Luhn check passing.
std::expected<void, std::string> validate_bank_card(std::string_view number);
// The bank card number without the spaces people type between groups.
std::string normalize_bank_card(std::string_view number);

// A mainland mobile number: 11 digits starting 13-19 (an optional "+86" or "86" prefix).
std::expected<void, std::string> validate_mobile(std::string_view number);
// The 11-digit form without a country prefix or spaces.
std::string normalize_mobile(std::string_view number);

// An 18-character resident ID number (GB 11643): 17 digits, a check character that
// matches (lower-case x accepted; base::mod11_2_check), and a real birth date from 1900 on.
std::expected<void, std::string> validate_id_number(std::string_view number);

}  // namespace kiosk::core
