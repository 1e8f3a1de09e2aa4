#pragma once
// What the session asks the app to do. The session performs nothing itself.
#include <cstdint>
#include <string>
#include <variant>

#include "kiosk/core/claim.h"
#include "kiosk/core/screens/statement_period.h"
#include "kiosk/core/signature.h"

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
// Save CLAIM durably (claim, records, upload queue in one transaction), then answer with
// claims::Saved or claims::NotSaved. The session has filled the member, the records, the
// estimate, the bank account and the commitment's text version; the app gives the claim its
// uuid, time and terminal, and the commitment the hash of SIGNATURE.
struct SaveClaim {
  std::uint64_t visit = 0;
  Claim claim;
  SignatureBitmap signature;
};
// Print the receipt of the saved claim UUID.
struct PrintReceipt {
  std::string uuid;
};
// Print the personal-share statement of the visit's records settled in PERIOD on the receipt
// printer (it gets its verification number there). The app answers with printer::JobQueued,
// then printer::JobDone or printer::JobFailed.
struct PrintStatement {
  StatementPeriod period;
};
// List the visit's person's claims from this terminal's store (made here, with where each
// stands); the app answers with claims::Listed for VISIT.
struct LoadClaims {
  std::uint64_t visit = 0;
};
}  // namespace effect

using Effect =
    std::variant<effect::Speak, effect::WipePersonalData, effect::LookUpMember, effect::SaveClaim,
                 effect::PrintReceipt, effect::PrintStatement, effect::LoadClaims>;

}  // namespace kiosk::core
