// Log lines for the session's inputs and effects. Personal data never appears here:
// a card read is logged by its card type only.
#include <utility>

#include <fmt/core.h>

#include "kiosk/core/overloaded.h"
#include "kiosk/core/session.h"

namespace kiosk::core {
namespace {
const char* to_string(CardType type) {
  switch (type) {
    case CardType::resident: return "resident";
    case CardType::hk_mo_tw_permit: return "hk_mo_tw_permit";
    case CardType::foreign_permanent: return "foreign_permanent";
    case CardType::foreign_permanent_2023: return "foreign_permanent_2023";
  }
  return "?";
}

const char* to_string(server::LookupFailure failure) {
  switch (failure) {
    case server::LookupFailure::unreachable: return "unreachable";
    case server::LookupFailure::refused: return "refused";
    case server::LookupFailure::busy: return "busy";
    case server::LookupFailure::not_a_member: return "not_a_member";
  }
  return "?";
}

const char* to_string(printer::Paper paper) {
  switch (paper) {
    case printer::Paper::ok: return "ok";
    case printer::Paper::near_end: return "near_end";
    case printer::Paper::out: return "out";
  }
  return "?";
}

// The screen an intent belongs to: ScreenIntent's alternative i is Screen's alternative i.
const char* screen_of(const ScreenIntent& intent) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    constexpr const char* kNames[] = {std::variant_alternative_t<I, Screen>::kName...};
    return kNames[intent.index()];
  }
  (std::make_index_sequence<std::variant_size_v<Screen>>{});
}

std::string describe_device(const DeviceInput& input) {
  return std::visit(
      overloaded{
          [](const device::CardRead& read) {
            return fmt::format("device card_read type={}", to_string(read.identity.card_type));
          },
          [](const device::CardRemoved&) { return std::string("device card_removed"); },
          [](const device::CardUnreadable&) { return std::string("device card_unreadable"); },
          [](const device::ReaderStatus& status) {
            return fmt::format("device reader {}",
                               status.reader == device::Reader::online ? "online" : "offline");
          },
      },
      input);
}

std::string describe_server(const ServerInput& input) {
  return std::visit(
      overloaded{
          [](const server::MemberLoaded& loaded) {
            return fmt::format("server member_loaded visit={} bills={} history={}", loaded.visit,
                               loaded.bills.size(), loaded.history.size());
          },
          [](const server::RulesLoaded& loaded) {
            return fmt::format("server rules_loaded version={} plans={}", loaded.rules.version,
                               loaded.rules.plans.size());
          },
          [](const server::LookupFailed& failed) {
            return fmt::format("server lookup_failed visit={} {} class={}", failed.visit,
                               to_string(failed.failure), to_string(failed.error_class));
          },
      },
      input);
}

std::string describe_claims(const ClaimsInput& input) {
  return std::visit(
      overloaded{
          [](const claims::Saved& saved) {
            return fmt::format("claims saved visit={} number={} uuid={}", saved.visit, saved.number,
                               saved.uuid);
          },
          [](const claims::NotSaved& failed) {
            return fmt::format("claims not_saved visit={}: {}", failed.visit, failed.reason);
          },
          [](const claims::Uploaded& uploaded) {
            return fmt::format("claims uploaded uuid={}", uploaded.uuid);
          },
          [](const claims::Listed& listed) {
            return fmt::format("claims listed visit={} {} lines={}", listed.visit,
                               listed.result == claims::ListResult::listed ? "ok" : "failed",
                               listed.lines.size());
          },
      },
      input);
}

const char* to_string(printer::JobFailure failure) {
  switch (failure) {
    case printer::JobFailure::paper_out: return "paper_out";
    case printer::JobFailure::cover_open: return "cover_open";
    case printer::JobFailure::offline: return "offline";
    case printer::JobFailure::error: return "error";
  }
  return "?";
}

const char* to_string(printer::A4State state) {
  switch (state) {
    case printer::A4State::sending: return "sending";
    case printer::A4State::waiting: return "waiting";
    case printer::A4State::printing: return "printing";
    case printer::A4State::done: return "done";
    case printer::A4State::paper_out: return "paper_out";
    case printer::A4State::jammed: return "jammed";
    case printer::A4State::cover_open: return "cover_open";
    case printer::A4State::stopped: return "stopped";
    case printer::A4State::printer_gone: return "printer_gone";
    case printer::A4State::refused: return "refused";
    case printer::A4State::canceled: return "canceled";
    case printer::A4State::failed: return "failed";
  }
  return "?";
}

const char* to_string(StatementPrinter printer) {
  return printer == StatementPrinter::a4 ? "a4" : "receipt";
}

std::string describe_printer(const PrinterInput& input) {
  return std::visit(
      overloaded{
          [](const printer::Status& status) {
            return fmt::format("printer {} paper={}{}", status.online ? "online" : "offline",
                               to_string(status.paper), status.cover_open ? " cover_open" : "");
          },
          [](const printer::JobQueued& job) {
            return fmt::format("printer job {} queued", job.job);
          },
          [](const printer::JobDone& job) { return fmt::format("printer job {} done", job.job); },
          [](const printer::JobFailed& job) {
            return fmt::format("printer job {} failed {}", job.job, to_string(job.failure));
          },
          [](const printer::StatementQueued& queued) {
            // The verification number is no personal data: it is printed to be quoted.
            return fmt::format("printer statement job {} queued on {} number={}", queued.job,
                               to_string(queued.printer), queued.number);
          },
          [](const printer::A4Job& job) {
            return fmt::format("printer a4 job {} {} pages={}{}", job.job, to_string(job.state),
                               job.pages_done, job.final ? " final" : "");
          },
      },
      input);
}

std::string describe_person(const PersonInput& input) {
  return std::visit(overloaded{
                        [](const person::Touch&) { return std::string("person touch"); },
                        [](const person::SetLanguage& set) {
                          return fmt::format("person set_language {}", to_string(set.language));
                        },
                        [](const person::GoHome&) { return std::string("person go_home"); },
                        [](const person::SetTextSize& set) {
                          return fmt::format("person set_text_size {}",
                                             set.size == TextSize::large ? "large" : "normal");
                        },
                        [](const ScreenIntent& intent) {
                          return fmt::format("person intent on {}", screen_of(intent));
                        },
                    },
                    input);
}

const char* to_string(staff::PinVerdict verdict) {
  switch (verdict) {
    case staff::PinVerdict::accepted: return "accepted";
    case staff::PinVerdict::wrong: return "wrong";
    case staff::PinVerdict::locked: return "locked";
    case staff::PinVerdict::unavailable: return "unavailable";
  }
  return "?";
}

// The staff id is a number from the server's config, not personal data; the PIN never shows.
std::string describe_staff(const StaffInput& input) {
  return std::visit(overloaded{
                        [](const staff::PinChecked& checked) {
                          return fmt::format(
                              "staff pin_checked {} staff={} attempts_left={} locked_for={}s",
                              to_string(checked.verdict), checked.member.staff_id,
                              checked.attempts_left, checked.locked_for.count());
                        },
                        [](const staff::TaskDone& done) {
                          return fmt::format("staff task {} {}: {}", to_string(done.task),
                                             to_string(done.outcome), done.detail);
                        },
                        [](const staff::ServiceState& state) {
                          return fmt::format("staff service {}",
                                             state.service == Service::closed ? "closed" : "open");
                        },
                    },
                    input);
}

}  // namespace

const char* to_string(Language language) {
  return language == Language::zh_CN ? "zh-CN" : "en";
}

std::string describe(const Input& input) {
  return std::visit(overloaded{
                        [](const DeviceInput& device) { return describe_device(device); },
                        [](const ServerInput& server) { return describe_server(server); },
                        [](const ClaimsInput& claims) { return describe_claims(claims); },
                        [](const PrinterInput& printer) { return describe_printer(printer); },
                        [](const TimeInput&) { return std::string("time tick"); },
                        [](const PersonInput& person) { return describe_person(person); },
                        [](const StaffInput& staff) { return describe_staff(staff); },
                    },
                    input);
}

std::string describe(const Effect& effect) {
  return std::visit(
      overloaded{
          [](const effect::Speak& speak) { return fmt::format("effect speak {}", speak.key); },
          [](const effect::WipePersonalData&) { return std::string("effect wipe_personal_data"); },
          [](const effect::LookUpMember& lookup) {
            return fmt::format("effect look_up_member visit={}", lookup.visit);
          },
          [](const effect::LoadClaims& load) {
            return fmt::format("effect load_claims visit={}", load.visit);
          },
          [](const effect::SaveClaim& save) {
            return fmt::format("effect save_claim visit={} bills={} benefit_fen={}", save.visit,
                               save.claim.bills.size(), save.claim.estimate.total_benefit_fen);
          },
          [](const effect::PrintReceipt& print) {
            return fmt::format("effect print_receipt uuid={}", print.uuid);
          },
          [](const effect::PrintStatement& print) {
            return fmt::format("effect print_statement {:04}-{:02} to {:04}-{:02}{}",
                               static_cast<int>(print.period.from.year()),
                               static_cast<unsigned>(print.period.from.month()),
                               static_cast<int>(print.period.to.year()),
                               static_cast<unsigned>(print.period.to.month()),
                               print.printer == StatementPrinter::a4 ? " on a4" : "");
          },
          [](const effect::CancelA4Job& cancel) {
            return fmt::format("effect cancel_a4_job {}", cancel.job);
          },
          [](const effect::CheckStaffPin&) { return std::string("effect check_staff_pin"); },
          [](const effect::StaffAction& action) {
            return fmt::format(
                "effect staff_action {} staff={}{}{}", to_string(action.task), action.staff_id,
                action.claim_uuid.empty() ? "" : " uuid=" + action.claim_uuid,
                action.claim_number == 0 ? std::string()
                                         : fmt::format(" number={}", action.claim_number));
          },
      },
      effect);
}

}  // namespace kiosk::core
