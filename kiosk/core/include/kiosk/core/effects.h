#pragma once
// What the session asks the app to do. The session performs nothing itself.
#include <cstdint>
#include <string>
#include <variant>

#include "kiosk/core/claim.h"
#include "kiosk/core/screens/statement_period.h"
#include "kiosk/core/screens/statement_printer.h"
#include "kiosk/core/secret.h"
#include "kiosk/core/signature.h"
#include "kiosk/core/staff.h"

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
// Print the personal-share statement of the visit's records settled in PERIOD on PRINTER
// (it gets its verification number there). The app answers with printer::StatementQueued
// (or, when it could not even start, JobFailed / A4Job with job 0), then JobDone or JobFailed
// from the receipt printer, or A4Job reports from the A4 printer.
struct PrintStatement {
  StatementPeriod period;
  StatementPrinter printer = StatementPrinter::receipt;
};
// Cancel the statement's A4 job JOB at the printer (the person chose the receipt printer
// instead); the job's last A4Job report says canceled.
struct CancelA4Job {
  std::uint64_t job = 0;
};
// List the visit's person's claims from this terminal's store (made here, with where each
// stands); the app answers with claims::Listed for VISIT.
struct LoadClaims {
  std::uint64_t visit = 0;
};
// Check the PIN typed on the staff screen against the server's staff PIN hashes (slow by
// design: off the UI thread); the app answers with staff::PinChecked.
struct CheckStaffPin {
  Secret pin;
};
// A staff task for the app to perform and audit with STAFF_ID; it answers with
// staff::TaskDone (close_terminal and open_terminal also with staff::ServiceState).
struct StaffAction {
  StaffTask task = StaffTask::refresh;
  std::string staff_id;
  std::string claim_uuid;         // requeue, reprint from the list
  std::int64_t claim_number = 0;  // reprint by the number typed
};
}  // namespace effect

using Effect =
    std::variant<effect::Speak, effect::WipePersonalData, effect::LookUpMember, effect::SaveClaim,
                 effect::PrintReceipt, effect::PrintStatement, effect::LoadClaims,
                 effect::CheckStaffPin, effect::StaffAction, effect::CancelA4Job>;

}  // namespace kiosk::core
