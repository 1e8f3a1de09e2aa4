#pragma once
// One of the person's claims as this terminal knows it, for the progress screen and the
// claimed marks on the records: no personal data (no name, ID number, phone or account).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/claim.h"
#include "kiosk/core/date.h"
#include "kiosk/core/money.h"

namespace kiosk::core {
namespace claims {
struct Listed;
}

struct ClaimLine {
  std::string number;  // short_id of the uuid, as the receipt prints it
  Date date{};         // the day it was made (China Standard Time)
  UploadState upload = UploadState::pending;
  std::optional<ClaimStatus> status;  // the server's, once it holds the claim
  Fen benefit_fen = 0;                // the estimate shown when it was made
  std::string reason;                 // why it was refused, as the server said (may be empty)
  std::vector<std::string> bill_ids;  // the settlement records it claims for

  friend bool operator==(const ClaimLine&, const ClaimLine&) = default;
};

// Where a claim stands, in the words a person reads: the upload queue first, then the server.
enum class ClaimStage {
  waiting_upload,  // still on this terminal: pending, sending or retry_wait (待上传)
  staff_check,     // the server refused to take it: staff will look at it
  received,
  reviewing,
  approved,
  paid,
  rejected,
};
ClaimStage stage_of(const ClaimLine& line);

// The person's claims as a screen holds them: asked for when the screen opens, and the
// store's answer once it comes (the app answers effect::LoadClaims with claims::Listed).
struct PersonClaims {
  enum class State { loading, loaded, failed };
  State state = State::loading;
  std::vector<ClaimLine> lines;  // newest first

  // Takes LISTED when it answers VISIT (the visit's number); a late answer is dropped.
  void take(const claims::Listed& listed, std::uint64_t visit);
  // The claim that holds the record BILL_ID (the newest when several do); nullptr when none.
  const ClaimLine* claim_for(const std::string& bill_id) const;
};

}  // namespace kiosk::core
