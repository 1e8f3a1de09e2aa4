#pragma once
// What the session asks the app to do. The session performs nothing itself.
#include <cstdint>
#include <string>
#include <variant>

namespace kiosk::core {
namespace effect {
struct Speak {
  std::string key;  // a string-catalogue key, spoken in the current language
};
// Drop every copy of personal data outside the session: queued lookups, the UI's typed
// text and scroll positions, caches.
struct WipePersonalData {};
// Ask the central server for the member and settlement records of the visit's identity; the
// answer comes back as server::MemberLoaded or server::LookupFailed with this visit.
struct LookUpMember {
  std::uint64_t visit = 0;
};
}  // namespace effect

using Effect = std::variant<effect::Speak, effect::WipePersonalData, effect::LookUpMember>;

}  // namespace kiosk::core
