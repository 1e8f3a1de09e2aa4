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
namespace printer {
struct JobQueued;
struct JobDone;
struct JobFailed;
}  // namespace printer

namespace screen {
struct ClaimDone {
  static constexpr const char* kName = "claim_done";
  enum class Receipt { printing, printed, failed };

  std::string uuid;
  std::int64_t number = 0;  // the terminal's claim number (its sequence)
  std::string short_id;     // printed on the receipt: "3F2A9C1B"
  bool uploaded = false;
  Receipt receipt = Receipt::printing;
  std::uint64_t receipt_job = 0;  // the printer's job for the receipt, once queued

  struct ToMenu {};  // "办理其他业务": the person stays for another service
  using Intent = std::variant<ToMenu>;
};

void handle(ClaimDone& screen, const ClaimDone::Intent& intent, Context& context);
void react(ClaimDone& screen, const claims::Uploaded& event, Context& context);
// The receipt's job: printed, or failed (the claim is kept; staff reprint it).
void react(ClaimDone& screen, const printer::JobQueued& event, Context& context);
void react(ClaimDone& screen, const printer::JobDone& event, Context& context);
void react(ClaimDone& screen, const printer::JobFailed& event, Context& context);
}  // namespace screen
}  // namespace kiosk::core
