#include "kiosk/core/claim_line.h"

#include <algorithm>

#include "kiosk/core/inputs.h"

namespace kiosk::core {

ClaimStage stage_of(const ClaimLine& line) {
  switch (line.upload) {
    case UploadState::pending:
    case UploadState::sending:
    case UploadState::retry_wait: return ClaimStage::waiting_upload;
    case UploadState::quarantined: return ClaimStage::staff_check;
    case UploadState::acked: break;
  }
  switch (line.status.value_or(ClaimStatus::received)) {
    case ClaimStatus::received: return ClaimStage::received;
    case ClaimStatus::reviewing: return ClaimStage::reviewing;
    case ClaimStatus::approved: return ClaimStage::approved;
    case ClaimStatus::paid: return ClaimStage::paid;
    case ClaimStatus::rejected: return ClaimStage::rejected;
  }
  return ClaimStage::received;
}

void PersonClaims::take(const claims::Listed& listed, std::uint64_t visit) {
  if (listed.visit != visit) return;  // an answer for an earlier card read
  if (listed.result == claims::ListResult::listed) {
    lines = listed.lines;
    state = State::loaded;
  } else {
    lines.clear();
    state = State::failed;
  }
}

const ClaimLine* PersonClaims::claim_for(const std::string& bill_id) const {
  for (const auto& line : lines) {
    if (std::ranges::find(line.bill_ids, bill_id) != line.bill_ids.end()) return &line;
  }
  return nullptr;
}

}  // namespace kiosk::core
