// What a job's and a printer's IPP state mean for the person waiting at the kiosk.
#include <catch2/catch.hpp>

#include "drivers/ipp/status.h"

using namespace drivers::ipp;

namespace {

JobAttributes job(IppJobState state, int pages = 0) {
  JobAttributes j;
  j.state = state;
  j.pages_done = pages;
  return j;
}

PrinterStatus printer(PrinterState state, std::vector<std::string> reasons) {
  PrinterStatus p;
  p.state = state;
  p.reasons = std::move(reasons);
  return p;
}

}  // namespace

TEST_CASE("reason keywords are compared without their severity suffix") {
  CHECK(reason_keyword("media-empty-error") == "media-empty");
  CHECK(reason_keyword("media-empty-warning") == "media-empty");
  CHECK(reason_keyword("media-jam") == "media-jam");
  CHECK(reason_keyword("-error") == "-error");
  auto p = printer(PrinterState::processing, {"toner-low-warning", "media-empty-error"});
  CHECK(has_reason(p, "media-empty"));
  CHECK_FALSE(has_reason(p, "media-jam"));
  // A "-report" reason is information, not a condition that holds a job.
  CHECK_FALSE(has_reason(printer(PrinterState::idle, {"media-empty-report"}), "media-empty"));
}

TEST_CASE("a finished job is done, cancelled or aborted whatever the printer reports") {
  auto empty = printer(PrinterState::stopped, {"media-empty-error"});
  CHECK(classify(job(IppJobState::completed, 3), empty) == JobStatus::done);
  CHECK(classify(job(IppJobState::canceled), empty) == JobStatus::canceled);
  CHECK(classify(job(IppJobState::aborted), empty) == JobStatus::aborted);
}

TEST_CASE("an unfinished job is held by the printer's condition") {
  CHECK(classify(job(IppJobState::processing),
                 printer(PrinterState::processing, {"media-empty-warning"})) ==
        JobStatus::paper_out);
  CHECK(classify(job(IppJobState::pending),
                 printer(PrinterState::stopped, {"media-needed-error"})) == JobStatus::paper_out);
  CHECK(classify(job(IppJobState::processing),
                 printer(PrinterState::stopped, {"media-jam-error"})) == JobStatus::jammed);
  CHECK(classify(job(IppJobState::processing),
                 printer(PrinterState::stopped, {"door-open-error"})) == JobStatus::cover_open);
  CHECK(classify(job(IppJobState::pending), printer(PrinterState::stopped, {"paused"})) ==
        JobStatus::stopped);
  CHECK(classify(job(IppJobState::processing_stopped), printer(PrinterState::idle, {})) ==
        JobStatus::stopped);
  CHECK(classify(job(IppJobState::pending_held), printer(PrinterState::idle, {})) ==
        JobStatus::pending);
  CHECK(classify(job(IppJobState::processing),
                 printer(PrinterState::processing, {"toner-low-warning"})) ==
        JobStatus::processing);
  // Paper out outranks the stopped state it causes: the message says what to do.
  CHECK(classify(job(IppJobState::processing_stopped),
                 printer(PrinterState::stopped, {"media-empty-error", "paused"})) ==
        JobStatus::paper_out);
}

TEST_CASE("blocked statuses are the ones a person can clear") {
  for (JobStatus s :
       {JobStatus::paper_out, JobStatus::jammed, JobStatus::cover_open, JobStatus::stopped}) {
    CHECK(is_blocked(s));
  }
  for (JobStatus s :
       {JobStatus::pending, JobStatus::processing, JobStatus::done, JobStatus::printer_gone,
        JobStatus::canceled, JobStatus::aborted, JobStatus::timed_out, JobStatus::refused}) {
    CHECK_FALSE(is_blocked(s));
  }
}

TEST_CASE("each status has a name and a sentence that says what to do") {
  auto p = printer(PrinterState::stopped, {"media-empty-error"});
  JobAttributes j = job(IppJobState::processing, 2);
  const std::string where = "ipp://127.0.0.1:8631/ipp/print";
  CHECK(to_string(JobStatus::paper_out) == "paper_out");
  CHECK(to_string(JobStatus::printer_gone) == "printer_gone");
  CHECK(describe(JobStatus::paper_out, j, p, where).find("load paper") != std::string::npos);
  CHECK(describe(JobStatus::paper_out, j, p, where).find(where) != std::string::npos);
  CHECK(describe(JobStatus::jammed, j, p, where).find("jammed sheet") != std::string::npos);
  CHECK(describe(JobStatus::cover_open, j, p, where).find("close it") != std::string::npos);
  CHECK(describe(JobStatus::processing, j, p, where) == "printing: 2 page(s) done");
  p.message = "Paused by staff";
  CHECK(describe(JobStatus::stopped, j, p, where).find("(Paused by staff)") != std::string::npos);
  CHECK(describe(JobStatus::printer_gone, j, p, where).find("switched on") != std::string::npos);
  j.message = "document-format not supported";
  CHECK(describe(JobStatus::refused, j, p, where).find("document-format") != std::string::npos);
}
