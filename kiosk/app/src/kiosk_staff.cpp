// The app's side of staff mode: the PIN check off the UI thread, each staff task performed
// and written to the audit log with the staff member's id, and the figures the staff screens
// show (read when a page opens and after each task, not every frame).
#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

#include "base/version.h"
#include "kiosk.h"
#include "kiosk/core/claim.h"
#include "kiosk/core/date.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/staff_pin.h"
#include "services/day_counts.h"
#include "services/diagnostics_export.h"
#include "services/staff_documents.h"

namespace kiosk::app {
namespace {
using core::StaffTask;
using core::TaskOutcome;
using core::TaskResult;

// "2026-11-29T14:03:12+08:00" (China time, as the claims and receipts write it) cut to
// "14:03:12", or to "2026-11-29 14:03" for paper.
std::string cst_clock(core::WallTime at) {
  return core::format_rfc3339_cst(at).substr(11, 8);
}
std::string cst_minute(core::WallTime at) {
  std::string text = core::format_rfc3339_cst(at).substr(0, 16);
  text[10] = ' ';
  return text;
}

std::string created_short(const std::string& rfc3339) {
  // "2026-11-29T14:03:12+08:00" -> "11-29 14:03"
  if (rfc3339.size() < 16) return rfc3339;
  return rfc3339.substr(5, 5) + " " + rfc3339.substr(11, 5);
}

const char* server_key(const sync::SyncState& sync) {
  if (!sync.last_success && !sync.last_attempt) return "staff.server_unknown";
  if (!sync.last_error_class) return "staff.server_ok";
  switch (*sync.last_error_class) {
    case core::ErrorClass::auth:
    case core::ErrorClass::tls: return "staff.server_refused";
    default: return "staff.server_unreachable";
  }
}

// The answer for a PIN check, from the store's verdict.
core::staff::PinChecked pin_answer(const std::expected<store::PinResult, store::Error>& result,
                                   const std::vector<api::StaffPinHash>& staff,
                                   store::UnixTime now) {
  using core::staff::PinVerdict;
  core::staff::PinChecked checked;
  if (!result) {
    spdlog::error("staff PIN not checked: {}", result.error().message);
    checked.verdict = PinVerdict::unavailable;
    return checked;
  }
  switch (result->verdict) {
    case store::PinVerdict::accepted:
      checked.verdict = PinVerdict::accepted;
      checked.member.staff_id = staff.at(result->matched.value_or(0)).staff_id;
      break;
    case store::PinVerdict::wrong:
      checked.verdict = result->status.locked() ? PinVerdict::locked : PinVerdict::wrong;
      checked.attempts_left = result->status.attempts_left;
      break;
    case store::PinVerdict::locked: checked.verdict = PinVerdict::locked; break;
  }
  if (result->status.locked_until) {
    checked.locked_for =
        std::chrono::ceil<std::chrono::seconds>(*result->status.locked_until - now);
  }
  return checked;
}

std::string printer_failure_text(core::printer::JobFailure failure) {
  switch (failure) {
    case core::printer::JobFailure::paper_out: return "缺纸 / paper out";
    case core::printer::JobFailure::cover_open: return "纸仓盖打开 / cover open";
    case core::printer::JobFailure::offline: return "打印机未连接 / printer offline";
    case core::printer::JobFailure::error: break;
  }
  return "打印出错 / printer error";
}

}  // namespace

void Kiosk::check_staff_pin(const core::effect::CheckStaffPin& check) {
  const auto config = m_remote.current();
  if (!m_claims || config->staff_pins.empty()) {
    spdlog::warn("staff PIN not checked: {}",
                 m_claims ? "the server has sent no staff PINs yet" : "the store is not open");
    handle(core::staff::PinChecked{core::staff::PinVerdict::unavailable, {}, 0, {}});
    return;
  }
  // About half a second per staff member by design (Argon2id): never on the UI thread.
  if (m_pin_check.joinable()) m_pin_check.join();
  m_pin_check = std::jthread([this, pin = check.pin, config] {
    std::vector<std::string_view> hashes;
    for (const auto& staff : config->staff_pins) hashes.push_back(staff.pin_hash);
    store::StaffPin verifier(m_claims->store());
    const auto now = store::now();
    auto result = verifier.verify(hashes, pin, now);
    m_queue.push(pin_answer(result, config->staff_pins, now));
  });
}

void Kiosk::run_staff_action(const core::effect::StaffAction& action) {
  auto result = perform_staff(action);
  if (m_claims) {
    const auto detail = fmt::format("staff={} {} {}", action.staff_id,
                                    core::to_string(result.outcome), result.detail);
    if (auto ok = m_claims->store().audit(fmt::format("staff_{}", core::to_string(action.task)),
                                          detail, store::now());
        !ok) {
      spdlog::error("staff action {} not audited: {}", core::to_string(action.task),
                    ok.error().message);
    }
  }
  // Leaving staff mode: nothing shows the figures any more; reading them is wasted work.
  if (action.task != StaffTask::sign_out) refresh_staff_view();
  // Prints answer when the printer is done; the reader's self-test when the reader answers.
  if (result.task == StaffTask::reader_self_test && result.outcome == TaskOutcome::done) return;
  if (m_staff_job && m_staff_job->result.task == result.task &&
      result.outcome == TaskOutcome::done) {
    return;
  }
  handle(core::staff::TaskDone{std::move(result)});
}

TaskResult Kiosk::perform_staff(const core::effect::StaffAction& action) {
  TaskResult result{action.task, TaskOutcome::done, {}};
  auto fail = [&](std::string why) {
    spdlog::error("staff {}: {}", core::to_string(action.task), why);
    result.outcome = TaskOutcome::failed;
    result.detail = std::move(why);
    return result;
  };
  switch (action.task) {
    case StaffTask::sign_in:
    case StaffTask::sign_out:
    case StaffTask::refresh: return result;
    case StaffTask::close_terminal:
    case StaffTask::open_terminal: {
      const bool closing = action.task == StaffTask::close_terminal;
      if (m_claims) {
        if (auto ok = m_claims->store().set_setting("service", closing ? "closed" : "open"); !ok) {
          return fail(ok.error().message);
        }
      }
      handle(core::staff::ServiceState{closing ? core::Service::closed : core::Service::open});
      return result;
    }
    case StaffTask::requeue: {
      if (!m_claims) return fail("the store is not open");
      store::Outbox outbox(m_claims->store());
      auto items = outbox.items(store::OutboxState::quarantined, 0);
      if (!items) return fail(items.error().message);
      auto it = std::find_if(items->begin(), items->end(), [&](const auto& item) {
        return item.claim_uuid == action.claim_uuid;
      });
      if (it == items->end()) {
        result.outcome = TaskOutcome::not_found;
        result.detail = core::short_id(action.claim_uuid);
        return result;
      }
      if (auto ok = outbox.requeue(it->id, store::now()); !ok) return fail(ok.error().message);
      result.detail = core::short_id(action.claim_uuid);
      return result;
    }
    case StaffTask::reprint: {
      if (!m_claims || !m_printer) return fail("the store or the printer is not open");
      auto claims = m_claims->store().list_claims();
      if (!claims) return fail(claims.error().message);
      auto it = std::find_if(claims->begin(), claims->end(), [&](const auto& claim) {
        return action.claim_uuid.empty() ? claim.sequence == action.claim_number
                                         : claim.uuid == action.claim_uuid;
      });
      if (it == claims->end()) {
        result.outcome = TaskOutcome::not_found;
        result.detail = fmt::format("{:06}", action.claim_number);
        return result;
      }
      auto job = m_claims->print_receipt(it->uuid, ReceiptCopy::reprint, *m_printer);
      if (!job) return fail(job.error());
      result.detail = fmt::format("{:06}", it->sequence);
      m_staff_job = StaffJob{*job, result, Printed::reprint};
      return result;
    }
    case StaffTask::printer_test_page:
    case StaffTask::print_day_summary: {
      if (!m_printer) return fail("the printer is not started");
      const PrintHeader header{m_config.center_name, m_config.terminal_id, cst_minute(store::now()),
                               action.staff_id};
      const bool test = action.task == StaffTask::printer_test_page;
      auto job = m_printer->print(test ? test_page(header, m_config.printer_device)
                                       : day_summary(header, m_staff_view.day));
      if (!job) return fail(job.error());
      m_staff_job = StaffJob{*job, result, test ? std::optional(Printed::test_page) : std::nullopt};
      return result;
    }
    case StaffTask::reader_self_test:
      if (!m_idcard) return fail("the reader is not started");
      m_idcard->self_test();
      return result;
    case StaffTask::export_diagnostics: {
      Diagnostics diagnostics;
      diagnostics.terminal_id = m_config.terminal_id;
      diagnostics.version = std::string(base::kVersion);
      diagnostics.config_version = m_remote.current()->version;
      diagnostics.exported_at = core::format_rfc3339_cst(store::now());
      diagnostics.queue = app_view({}).queue;
      diagnostics.staff = m_staff_view;
      diagnostics.devices = m_device_states.snapshot();
      diagnostics.log_dir = m_config.data_dir / "logs";
      auto written = export_diagnostics(diagnostics, m_config.staff_export_dir.empty()
                                                         ? m_config.data_dir / "diagnostics"
                                                         : m_config.staff_export_dir);
      if (!written) return fail(written.error());
      // The folder's name: the screen has one line for it (the log has the whole path).
      spdlog::info("diagnostics exported to {}", written->string());
      result.detail = written->filename().string();
      return result;
    }
  }
  return result;
}

void Kiosk::on_staff_job(const core::PrinterInput& printer) {
  if (!m_staff_job) return;
  const auto* done = std::get_if<core::printer::JobDone>(&printer);
  const auto* failed = std::get_if<core::printer::JobFailed>(&printer);
  const std::uint64_t job = done ? done->job : failed ? failed->job : 0;
  if (job == 0 || job != m_staff_job->job) return;
  TaskResult result = m_staff_job->result;
  if (failed) {
    result.outcome = TaskOutcome::failed;
    result.detail = printer_failure_text(failed->failure);
  } else if (m_staff_job->counted && m_claims) {
    (void)count_printed(m_claims->store(), *m_staff_job->counted, store::now());
  }
  m_staff_job.reset();
  refresh_staff_view();
  handle(core::staff::TaskDone{std::move(result)});
}

void Kiosk::restore_service() {
  if (!m_claims) return;
  auto service = m_claims->store().setting("service");
  if (service && *service && **service == "closed") {
    spdlog::warn("this terminal was closed by staff and stays closed until they reopen it");
    handle(core::staff::ServiceState{core::Service::closed});
  }
}

void Kiosk::refresh_staff_view() {
  ui::StaffView view;
  view.terminal_id = m_config.terminal_id;
  view.version = std::string(base::kVersion);
  view.config_version = m_remote.current()->version;
  view.printer_model = m_config.printer_device;
  view.printer_state = fmt::format("staff.printer_{}", printer_state(m_session.printer()));
  view.reader_state = m_session.reader_online() ? "staff.reader_online" : "staff.reader_offline";
  if (auto read = m_idcard ? m_idcard->last_read() : std::nullopt) {
    view.last_card_read = cst_clock(*read);
  }
  const auto now = store::now();
  view.day.date = china_date(now);
  if (m_claims) {
    const auto sync = m_claims->sync_state();
    view.server_state = server_key(sync);
    const bool clock_off =
        sync.clock_offset && std::chrono::abs(*sync.clock_offset) > std::chrono::minutes(5);
    view.clock_state = clock_off ? "staff.clock_off" : "staff.clock_ok";
    if (sync.last_success) view.last_success = cst_clock(*sync.last_success);
    store::Outbox outbox(m_claims->store());
    auto quarantined = outbox.items(store::OutboxState::quarantined, 0);
    auto claims = m_claims->store().list_claims();
    if (!claims) spdlog::error("staff: claims not listed: {}", claims.error().message);
    for (const auto& claim : claims ? *claims : std::vector<store::ClaimSummary>{}) {
      const bool today = claim.created_at.starts_with(view.day.date);
      const bool open = claim.state != store::OutboxState::acked;
      if (today) {
        ++view.day.claims_taken;
        view.day.estimated_benefit_fen += claim.total_benefit_fen;
        if (claim.state == store::OutboxState::acked)
          ++view.day.uploaded;
        else if (claim.state == store::OutboxState::quarantined)
          ++view.day.quarantined;
        else
          ++view.day.pending;
      }
      if (!today && !open) continue;  // the list: today's, and every claim not yet uploaded
      ui::StaffClaimRow row;
      row.uuid = claim.uuid;
      row.sequence = claim.sequence;
      row.short_id = core::short_id(claim.uuid);
      row.created = created_short(claim.created_at);
      row.upload = claim.state;  // store::OutboxState is core::UploadState
      row.status = claim.server_status;
      row.attempts = claim.attempts;
      row.benefit_fen = claim.total_benefit_fen;
      if (quarantined && claim.state == store::OutboxState::quarantined) {
        for (const auto& item : *quarantined) {
          if (item.claim_uuid == claim.uuid) row.reason = item.last_error_message;
        }
      }
      view.claims.push_back(std::move(row));
    }
    const auto counts = day_counts(m_claims->store(), now);
    view.day.receipts_printed = counts.receipts;
    view.day.reprints = counts.reprints;
    view.day.statements_printed = counts.statements;
    view.day.test_pages = counts.test_pages;
  } else {
    view.server_state = "staff.server_unknown";
    view.clock_state = "staff.clock_ok";
  }
  m_staff_view = std::move(view);
}

}  // namespace kiosk::app
