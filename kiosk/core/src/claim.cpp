#include "kiosk/core/claim.h"

#include <cctype>
#include <utility>

namespace kiosk::core {
namespace {
constexpr std::array<std::pair<ClaimStatus, std::string_view>, 5> kClaimStatuses{{
    {ClaimStatus::received, "received"},
    {ClaimStatus::reviewing, "reviewing"},
    {ClaimStatus::approved, "approved"},
    {ClaimStatus::paid, "paid"},
    {ClaimStatus::rejected, "rejected"},
}};
constexpr std::array<std::pair<UploadState, std::string_view>, 5> kUploadStates{{
    {UploadState::pending, "pending"},
    {UploadState::sending, "sending"},
    {UploadState::acked, "acked"},
    {UploadState::retry_wait, "retry_wait"},
    {UploadState::quarantined, "quarantined"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         Enum value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return names[0].second;
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                             std::string_view text) {
  for (const auto& [v, name] : names) {
    if (name == text) return v;
  }
  return std::nullopt;
}
}  // namespace

std::string_view to_string(ClaimStatus status) {
  return name_of(kClaimStatuses, status);
}
std::optional<ClaimStatus> parse_claim_status(std::string_view text) {
  return value_of(kClaimStatuses, text);
}
std::string_view to_string(UploadState state) {
  return name_of(kUploadStates, state);
}
std::optional<UploadState> parse_upload_state(std::string_view text) {
  return value_of(kUploadStates, text);
}
bool is_decided(ClaimStatus status) {
  return status == ClaimStatus::paid || status == ClaimStatus::rejected;
}

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
  return text[14] == '4' &&
         (text[19] == '8' || text[19] == '9' || text[19] == 'a' || text[19] == 'b');
}

}  // namespace kiosk::core
