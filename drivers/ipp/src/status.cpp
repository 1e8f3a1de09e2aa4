#include "drivers/ipp/status.h"

#include <algorithm>
#include <array>

#include <fmt/core.h>

namespace drivers::ipp {
namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : ", ") + w;
  return text;
}

bool has_any(const PrinterStatus& printer, std::initializer_list<std::string_view> keywords) {
  return std::any_of(keywords.begin(), keywords.end(),
                     [&](std::string_view k) { return has_reason(printer, k); });
}

}  // namespace

std::string_view to_string(PrinterState state) {
  switch (state) {
    case PrinterState::idle: return "idle";
    case PrinterState::processing: return "processing";
    case PrinterState::stopped: return "stopped";
    case PrinterState::unknown: return "unknown";
  }
  return "unknown";
}

std::string_view to_string(JobStatus status) {
  switch (status) {
    case JobStatus::pending: return "pending";
    case JobStatus::processing: return "processing";
    case JobStatus::done: return "done";
    case JobStatus::paper_out: return "paper_out";
    case JobStatus::jammed: return "jammed";
    case JobStatus::cover_open: return "cover_open";
    case JobStatus::stopped: return "stopped";
    case JobStatus::printer_gone: return "printer_gone";
    case JobStatus::canceled: return "canceled";
    case JobStatus::aborted: return "aborted";
    case JobStatus::timed_out: return "timed_out";
    case JobStatus::refused: return "refused";
  }
  return "aborted";
}

bool is_blocked(JobStatus status) {
  return status == JobStatus::paper_out || status == JobStatus::jammed ||
         status == JobStatus::cover_open || status == JobStatus::stopped;
}

std::string_view reason_keyword(std::string_view reason) {
  for (std::string_view suffix : {"-error", "-warning", "-report"}) {
    if (reason.size() > suffix.size() && reason.ends_with(suffix)) {
      return reason.substr(0, reason.size() - suffix.size());
    }
  }
  return reason;
}

bool has_reason(const PrinterStatus& printer, std::string_view keyword) {
  return std::any_of(printer.reasons.begin(), printer.reasons.end(), [&](const std::string& r) {
    return !std::string_view(r).ends_with("-report") && reason_keyword(r) == keyword;
  });
}

JobStatus classify(const JobAttributes& job, const PrinterStatus& printer) {
  switch (job.state) {
    case IppJobState::completed: return JobStatus::done;
    case IppJobState::canceled: return JobStatus::canceled;
    case IppJobState::aborted: return JobStatus::aborted;
    default: break;
  }
  if (has_any(printer, {"media-empty", "media-needed", "input-tray-missing"})) {
    return JobStatus::paper_out;
  }
  if (has_any(printer, {"media-jam", "output-area-full"})) return JobStatus::jammed;
  if (has_any(printer, {"cover-open", "door-open", "interlock-open"})) return JobStatus::cover_open;
  if (job.state == IppJobState::processing_stopped || printer.state == PrinterState::stopped ||
      has_any(printer, {"paused", "moving-to-paused", "stopped"})) {
    return JobStatus::stopped;
  }
  if (job.state == IppJobState::processing) return JobStatus::processing;
  return JobStatus::pending;
}

std::string describe(JobStatus status, const JobAttributes& job, const PrinterStatus& printer,
                     std::string_view where) {
  const std::string detail = !printer.message.empty() ? printer.message : joined(printer.reasons);
  switch (status) {
    case JobStatus::pending: return fmt::format("queued at {}, waiting to print", where);
    case JobStatus::processing:
      return job.pages_done > 0 ? fmt::format("printing: {} page(s) done", job.pages_done)
                                : std::string("printing");
    case JobStatus::done: return "printed";
    case JobStatus::paper_out:
      return fmt::format("{} is out of paper: load paper into its tray", where);
    case JobStatus::jammed:
      return fmt::format("paper is jammed in {}: open it, take out the jammed sheet and close it",
                         where);
    case JobStatus::cover_open:
      return fmt::format("a cover or door of {} is open: close it", where);
    case JobStatus::stopped:
      return fmt::format("{} is stopped{}: staff must resume it at the printer or in CUPS", where,
                         detail.empty() ? "" : " (" + detail + ")");
    case JobStatus::printer_gone:
      return fmt::format("{} does not answer: check that it is switched on and connected", where);
    case JobStatus::canceled: return fmt::format("the job was cancelled at {}", where);
    case JobStatus::aborted:
      return fmt::format("{} gave up on the job{}", where,
                         job.message.empty() ? std::string() : ": " + job.message);
    case JobStatus::timed_out:
      return fmt::format("{} did not finish the job in the time allowed; it was cancelled", where);
    case JobStatus::refused:
      return fmt::format("{} refused the job{}", where,
                         job.message.empty() ? std::string() : ": " + job.message);
  }
  return "unknown";
}

}  // namespace drivers::ipp
