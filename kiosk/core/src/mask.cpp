#include "kiosk/core/mask.h"

#include <vector>

#include "base/utf8.h"

namespace kiosk::core {
namespace {
// Splits UTF-8 into characters (code point sequences); invalid lead bytes count as one.
std::vector<std::string_view> utf8_chars(std::string_view text) {
  std::vector<std::string_view> chars;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len = base::utf8_sequence_length(static_cast<unsigned char>(text[i]));
    if (i + len > text.size()) len = text.size() - i;
    chars.push_back(text.substr(i, len));
    i += len;
  }
  return chars;
}

std::string keep_ends(std::string_view text, std::size_t head, std::size_t tail) {
  if (text.size() <= head + tail) {
    // Too short to show both ends and still hide something: hide all but the head's half.
    std::size_t keep = text.size() / 3;
    return std::string(text.substr(0, keep)) + std::string(text.size() - keep, '*');
  }
  return std::string(text.substr(0, head)) + std::string(text.size() - head - tail, '*') +
         std::string(text.substr(text.size() - tail));
}
}  // namespace

std::string mask_name(std::string_view utf8_name) {
  auto chars = utf8_chars(utf8_name);
  if (chars.empty()) return {};
  std::string masked(chars.front());
  std::size_t hidden = chars.size() == 1 ? 1 : chars.size() - 1;
  if (chars.size() == 1) masked.clear();
  masked.append(std::min<std::size_t>(hidden, 3), '*');
  return masked;
}

std::string mask_id_number(std::string_view id_number) {
  return keep_ends(id_number, 6, 4);
}

std::string mask_phone(std::string_view phone) {
  return keep_ends(phone, 3, 4);
}

std::string mask_bank_account(std::string_view account) {
  if (account.size() <= 4) return std::string(account.size(), '*');
  return "**** " + std::string(account.substr(account.size() - 4));
}

}  // namespace kiosk::core
