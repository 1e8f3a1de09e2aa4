#pragma once
// What the session is told, grouped by where it comes from. The app turns device callbacks,
// server answers, printer results, the passing of time and the person's taps into these.
#include <chrono>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/core/bill.h"
#include "kiosk/core/claim_line.h"
#include "kiosk/core/error_class.h"
#include "kiosk/core/estimate.h"
#include "kiosk/core/identity.h"
#include "kiosk/core/language.h"
#include "kiosk/core/member.h"
#include "kiosk/core/rules.h"
#include "kiosk/core/screen.h"
#include "kiosk/core/screens/statement_printer.h"
#include "kiosk/core/staff.h"
#include "kiosk/core/text_size.h"
#include "kiosk/core/time_point.h"

namespace kiosk::core {

// The ID-card reader.
namespace device {
struct CardRead {
  Identity identity;
};
// The reader cannot tell a lifted card from one still lying there; the demo can.
struct CardRemoved {};
// A card lies on the reader but could not be read (moved too soon, not an ID card).
struct CardUnreadable {};
enum class Reader { online, offline };
struct ReaderStatus {
  Reader reader = Reader::online;
};
}  // namespace device
using DeviceInput = std::variant<device::CardRead, device::CardRemoved, device::CardUnreadable,
                                 device::ReaderStatus>;

// The central server's answers to effect::LookUpMember for visit VISIT.
namespace server {
struct MemberLoaded {
  std::uint64_t visit = 0;
  Member member;
  std::vector<Bill> bills;
  std::vector<PlanHistory> history;  // what this person's earlier claims used, per plan and year
};
enum class LookupFailure {
  unreachable,   // network, TLS, clock, certificates: the server could not be asked
  refused,       // the server answered with an error
  busy,          // the server turned the lookup away for now (rate limit); later works
  not_a_member,  // the server knows no member with this number
};
struct LookupFailed {
  std::uint64_t visit = 0;
  LookupFailure failure = LookupFailure::unreachable;
  ErrorClass error_class = ErrorClass::network;  // for the log and the staff screen
};
// The benefit rules in force: from the server's config, or the terminal's own file until then.
struct RulesLoaded {
  Rules rules;
};
}  // namespace server
using ServerInput = std::variant<server::MemberLoaded, server::LookupFailed, server::RulesLoaded>;

// The app's claim service: what became of effect::SaveClaim, and uploads that went through.
namespace claims {
struct Saved {
  std::uint64_t visit = 0;
  std::string uuid;
  std::int64_t number = 0;  // the terminal's claim number
};
struct NotSaved {
  std::uint64_t visit = 0;
  std::string reason;  // for the log; never personal data
};
struct Uploaded {
  std::string uuid;  // the server acknowledged it
};
// The answer to effect::LoadClaims for visit VISIT: the person's claims in this terminal's
// store, newest first, without personal data. failed: the store could not be read.
enum class ListResult { listed, failed };
struct Listed {
  std::uint64_t visit = 0;
  ListResult result = ListResult::listed;
  std::vector<ClaimLine> lines;
};
}  // namespace claims
using ClaimsInput = std::variant<claims::Saved, claims::NotSaved, claims::Uploaded, claims::Listed>;

// The receipt printer.
namespace printer {
enum class Paper { ok, near_end, out };
struct Status {
  bool online = true;
  Paper paper = Paper::ok;
  bool cover_open = false;
  friend bool operator==(const Status&, const Status&) = default;
};
// A print job's result, for any document (statement, claim receipt). The app performs a print
// effect, and at once reports the printer's job number with JobQueued (on the same thread, so
// before any result); JobDone or JobFailed follow with that number. A job that could not even
// be queued fails with job 0.
enum class JobFailure : std::uint8_t {
  paper_out,   // load paper: staff
  cover_open,  // close the cover: staff
  offline,     // not connected, not answering, or in an error state
  error,       // anything else (the log has the printer's message)
};
struct JobQueued {
  std::uint64_t job = 0;
};
struct JobDone {
  std::uint64_t job = 0;
};
struct JobFailed {
  std::uint64_t job = 0;
  JobFailure failure = JobFailure::error;
};
// The answer to effect::PrintStatement, reported at once (before any result): the job's
// number on its printer (the spooler's, or the A4 service's own count) and the verification
// number printed on it, which the statement screen shows once it has printed. The receipt
// printer's results follow as JobDone/JobFailed, the A4 printer's as A4Job.
struct StatementQueued {
  std::uint64_t job = 0;
  StatementPrinter printer = StatementPrinter::receipt;
  std::string number;
};
// Where a job on the A4 printer (IPP) stands. Blocked states (paper_out, jammed, cover_open,
// stopped) may still clear; `final` marks the job's last report.
enum class A4State : std::uint8_t {
  sending,       // being laid out and sent
  waiting,       // the printer holds it; its turn has not come
  printing,      // pages_done pages out so far
  done,          // every page printed
  paper_out,     // load paper: staff
  jammed,        // clear the jam: staff
  cover_open,    // close the cover or door: staff
  stopped,       // the printer is paused or stopped: staff
  printer_gone,  // not answering (off, unplugged, wrong address)
  refused,       // the printer would not take the job
  canceled,      // cancelled at the printer or by us
  failed,        // aborted, timed out, or the statement could not be laid out
};
struct A4Job {
  std::uint64_t job = 0;
  A4State state = A4State::sending;
  int pages_done = 0;
  bool final = false;
};
}  // namespace printer
using PrinterInput = std::variant<printer::Status, printer::JobQueued, printer::JobDone,
                                  printer::JobFailed, printer::StatementQueued, printer::A4Job>;

// Time passed; the app sends it at Session::next_deadline().
namespace time {
struct Tick {};
}  // namespace time
using TimeInput = std::variant<time::Tick>;

// The person at the screen. Intents of one screen are that screen's own `Intent` type.
namespace person {
struct Touch {};  // any touch on the screen: the person is still there
struct SetLanguage {
  Language language;
};
struct GoHome {};  // "返回首页": ends the visit
struct SetTextSize {
  TextSize size = TextSize::normal;
};
}  // namespace person
using PersonInput = std::variant<person::Touch, person::SetLanguage, person::GoHome,
                                 person::SetTextSize, ScreenIntent>;

// Staff mode: the app's answers to effect::CheckStaffPin and effect::StaffAction, and whether
// the terminal is in service (sent at start from what the app kept).
namespace staff {
enum class PinVerdict {
  accepted,
  wrong,
  locked,       // too many wrong PINs: locked_for says how long
  unavailable,  // no PIN hashes from the server yet, or the check itself failed
};
struct PinChecked {
  PinVerdict verdict = PinVerdict::wrong;
  StaffMember member;                  // accepted: whose PIN it was
  int attempts_left = 0;               // wrong: before the lock
  std::chrono::seconds locked_for{0};  // locked
};
using TaskDone = TaskResult;
struct ServiceState {
  Service service = Service::open;
};
}  // namespace staff
using StaffInput = std::variant<staff::PinChecked, staff::TaskDone, staff::ServiceState>;

using Input = std::variant<DeviceInput, ServerInput, ClaimsInput, PrinterInput, TimeInput,
                           PersonInput, StaffInput>;

}  // namespace kiosk::core
