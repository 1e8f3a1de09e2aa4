// Reading a printer's and a job's attributes out of an IPP response, with responses built
// attribute by attribute as RFC 8011 defines them (printer-state 3 idle, 4 processing,
// 5 stopped; job-state 3 to 9), not by our own encoder.
#include <catch2/catch.hpp>

#include <cups/ipp.h>

#include <memory>

#include <fmt/core.h>

#include "decode.h"

using namespace drivers::ipp;

namespace {

struct IppDelete {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using Response = std::unique_ptr<ipp_t, IppDelete>;

Response response() {
  return Response(ippNew());
}

void add_keywords(ipp_t* r, const char* name, std::initializer_list<const char*> values) {
  std::vector<const char*> list(values);
  ippAddStrings(r, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, name, static_cast<int>(list.size()), nullptr,
                list.data());
}

}  // namespace

TEST_CASE("a stopped printer's state, reasons, message and refusal of jobs are read") {
  auto r = response();
  ippAddInteger(r.get(), IPP_TAG_PRINTER, IPP_TAG_ENUM, "printer-state", 5);
  add_keywords(r.get(), "printer-state-reasons", {"media-empty-error", "cover-open-warning"});
  ippAddString(r.get(), IPP_TAG_PRINTER, IPP_TAG_TEXT, "printer-state-message", nullptr,
               "Load paper in tray 1");
  ippAddBoolean(r.get(), IPP_TAG_PRINTER, "printer-is-accepting-jobs", 0);
  PrinterStatus s = detail::decode_printer_status(r.get());
  CHECK(s.state == PrinterState::stopped);
  CHECK(s.reasons == std::vector<std::string>{"media-empty-error", "cover-open-warning"});
  CHECK(s.message == "Load paper in tray 1");
  CHECK_FALSE(s.accepting_jobs);
}

TEST_CASE("printer attributes that are missing, 'none' or of the wrong type read as nothing") {
  auto empty = response();
  PrinterStatus s = detail::decode_printer_status(empty.get());
  CHECK(s.state == PrinterState::unknown);
  CHECK(s.reasons.empty());
  CHECK(s.message.empty());
  CHECK(s.accepting_jobs);  // a printer that does not say is taken to accept jobs

  auto odd = response();
  ippAddInteger(odd.get(), IPP_TAG_PRINTER, IPP_TAG_ENUM, "printer-state", 7);
  add_keywords(odd.get(), "printer-state-reasons", {"none"});
  ippAddInteger(odd.get(), IPP_TAG_PRINTER, IPP_TAG_INTEGER, "printer-state-message", 42);
  s = detail::decode_printer_status(odd.get());
  CHECK(s.state == PrinterState::unknown);
  CHECK(s.reasons.empty());
  CHECK(s.message.empty());

  auto idle = response();
  ippAddInteger(idle.get(), IPP_TAG_PRINTER, IPP_TAG_ENUM, "printer-state", 3);
  CHECK(detail::decode_printer_status(idle.get()).state == PrinterState::idle);
  auto busy = response();
  ippAddInteger(busy.get(), IPP_TAG_PRINTER, IPP_TAG_ENUM, "printer-state", 4);
  CHECK(detail::decode_printer_status(busy.get()).state == PrinterState::processing);
}

TEST_CASE("a job's state, reasons and pages printed are read") {
  auto r = response();
  ippAddInteger(r.get(), IPP_TAG_JOB, IPP_TAG_ENUM, "job-state", 6);
  const char* reasons[] = {"printer-stopped", "none"};
  ippAddStrings(r.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "job-state-reasons", 2, nullptr, reasons);
  ippAddString(r.get(), IPP_TAG_JOB, IPP_TAG_TEXT, "job-state-message", nullptr, "Paused");
  ippAddInteger(r.get(), IPP_TAG_JOB, IPP_TAG_INTEGER, "job-impressions-completed", 2);
  auto job = detail::decode_job(r.get());
  REQUIRE(job);
  CHECK(job->state == IppJobState::processing_stopped);
  CHECK(job->reasons == std::vector<std::string>{"printer-stopped"});
  CHECK(job->message == "Paused");
  CHECK(job->pages_done == 2);
}

TEST_CASE("a job without a valid job-state is an error, a negative page count is zero") {
  auto none = response();
  auto missing = detail::decode_job(none.get());
  REQUIRE_FALSE(missing);
  CHECK(missing.error() == "no job-state");

  for (int bad : {2, 10}) {
    auto r = response();
    ippAddInteger(r.get(), IPP_TAG_JOB, IPP_TAG_ENUM, "job-state", bad);
    auto job = detail::decode_job(r.get());
    REQUIRE_FALSE(job);
    CHECK(job.error() == fmt::format("job-state {} is not a job state", bad));
  }

  auto r = response();
  ippAddInteger(r.get(), IPP_TAG_JOB, IPP_TAG_ENUM, "job-state", 9);
  ippAddInteger(r.get(), IPP_TAG_JOB, IPP_TAG_INTEGER, "job-impressions-completed", -4);
  auto done = detail::decode_job(r.get());
  REQUIRE(done);
  CHECK(done->state == IppJobState::completed);
  CHECK(done->pages_done == 0);
}
