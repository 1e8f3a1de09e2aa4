#include "kiosk/core/screens/claim_done.h"

#include "kiosk/core/context.h"
#include "kiosk/core/inputs.h"

namespace kiosk::core::screen {

void handle(ClaimDone&, const ClaimDone::Intent&, Context& context) {
  context.go(Menu{});
}

void react(ClaimDone& screen, const claims::Uploaded& uploaded, Context&) {
  if (uploaded.uuid == screen.uuid) screen.uploaded = true;
}

void react(ClaimDone& screen, const printer::JobQueued& queued, Context&) {
  if (screen.receipt_job == 0) screen.receipt_job = queued.job;
}

void react(ClaimDone& screen, const printer::JobDone& done, Context&) {
  if (done.job == screen.receipt_job) screen.receipt = ClaimDone::Receipt::printed;
}

void react(ClaimDone& screen, const printer::JobFailed& failed, Context& context) {
  // Job 0: the receipt could not even be queued.
  if (failed.job != screen.receipt_job) return;
  screen.receipt = ClaimDone::Receipt::failed;
  context.speak("voice.receipt_failed");
}

}  // namespace kiosk::core::screen
