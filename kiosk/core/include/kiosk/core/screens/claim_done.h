#pragma once
// After a claim is saved: its number, whether it reached the central server (已提交) or is
// kept here and will upload by itself (待上传), and what became of its receipt.
#include <cstdint>
#include <string>
#include <variant>

namespace kiosk::core {
class Context;
namespace claims {
struct Uploaded;
}

namespace screen {
struct ClaimDone {
  static constexpr const char* kName = "claim_done";
  enum class Receipt { printing, printed, failed };

  std::string uuid;
  std::int64_t number = 0;  // the terminal's claim number (its sequence)
  std::string short_id;     // printed on the receipt: "3F2A9C1B"
  bool uploaded = false;
  Receipt receipt = Receipt::printing;

  struct ToMenu {};  // "办理其他业务": the person stays for another service
  using Intent = std::variant<ToMenu>;
};

void handle(ClaimDone& screen, const ClaimDone::Intent& intent, Context& context);
void react(ClaimDone& screen, const claims::Uploaded& event, Context& context);
}  // namespace screen
}  // namespace kiosk::core
