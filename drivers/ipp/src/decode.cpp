#include "decode.h"

#include <fmt/core.h>

namespace drivers::ipp::detail {
namespace {

// Keywords of a multi-valued attribute; "none" means the empty set.
std::vector<std::string> keywords(ipp_t* response, const char* name) {
  std::vector<std::string> out;
  ipp_attribute_t* attr = ippFindAttribute(response, name, IPP_TAG_KEYWORD);
  for (int i = 0; attr != nullptr && i < ippGetCount(attr); ++i) {
    const char* value = ippGetString(attr, i, nullptr);
    if (value != nullptr && std::string_view(value) != "none") out.emplace_back(value);
  }
  return out;
}

std::string text_of(ipp_t* response, const char* name) {
  ipp_attribute_t* attr = ippFindAttribute(response, name, IPP_TAG_ZERO);
  if (attr == nullptr) return {};
  switch (ippGetValueTag(attr)) {
    case IPP_TAG_TEXT:
    case IPP_TAG_TEXTLANG:
    case IPP_TAG_NAME:
    case IPP_TAG_NAMELANG:
    case IPP_TAG_KEYWORD: break;
    default: return {};  // a message of another type carries nothing to show
  }
  const char* value = ippGetString(attr, 0, nullptr);
  return value ? value : "";
}

}  // namespace

PrinterStatus decode_printer_status(ipp_t* response) {
  PrinterStatus status;
  if (ipp_attribute_t* state = ippFindAttribute(response, "printer-state", IPP_TAG_ENUM)) {
    switch (ippGetInteger(state, 0)) {
      case IPP_PSTATE_IDLE: status.state = PrinterState::idle; break;
      case IPP_PSTATE_PROCESSING: status.state = PrinterState::processing; break;
      case IPP_PSTATE_STOPPED: status.state = PrinterState::stopped; break;
      default: status.state = PrinterState::unknown; break;
    }
  }
  status.reasons = keywords(response, "printer-state-reasons");
  status.message = text_of(response, "printer-state-message");
  if (ipp_attribute_t* accepting =
          ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)) {
    status.accepting_jobs = ippGetBoolean(accepting, 0) != 0;
  }
  return status;
}

std::expected<JobAttributes, std::string> decode_job(ipp_t* response) {
  ipp_attribute_t* state = ippFindAttribute(response, "job-state", IPP_TAG_ENUM);
  int value = state ? ippGetInteger(state, 0) : 0;
  if (value < IPP_JSTATE_PENDING || value > IPP_JSTATE_COMPLETED) {
    return std::unexpected(state ? fmt::format("job-state {} is not a job state", value)
                                 : std::string("no job-state"));
  }
  JobAttributes job;
  job.state = static_cast<IppJobState>(value);
  job.reasons = keywords(response, "job-state-reasons");
  job.message = text_of(response, "job-state-message");
  if (ipp_attribute_t* pages =
          ippFindAttribute(response, "job-impressions-completed", IPP_TAG_INTEGER)) {
    job.pages_done = std::max(0, ippGetInteger(pages, 0));
  }
  return job;
}

}  // namespace drivers::ipp::detail
