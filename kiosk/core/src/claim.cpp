#include "kiosk/core/claim.h"

#include <cctype>

namespace kiosk::core {

std::string short_id(std::string_view uuid) {
  std::string id;
  for (char c : uuid) {
    if (id.size() == 8) break;
    if (c == '-') continue;
    id.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return id;
}

std::string make_uuid_v4(std::span<const std::uint8_t, 16> random) {
  std::array<std::uint8_t, 16> bytes{};
  std::copy(random.begin(), random.end(), bytes.begin());
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
    text.push_back(kHex[bytes[i] >> 4]);
    text.push_back(kHex[bytes[i] & 0x0F]);
  }
  return text;
}

bool is_uuid_v4(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return text[14] == '4' && (text[19] == '8' || text[19] == '9' || text[19] == 'a' || text[19] == 'b');
}

}  // namespace kiosk::core
