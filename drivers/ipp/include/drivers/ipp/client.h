#pragma once
// An IPP printer reached with libcups: submit a document (Print-Job), follow the job
// (Get-Job-Attributes), read the printer's state (Get-Printer-Attributes), cancel a job.
// Each call opens its own connection, so a printer that restarts between calls is found
// again. Calls block up to the timeouts in ClientOptions; run them off the UI thread.
#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>

#include "drivers/ipp/error.h"
#include "drivers/ipp/status.h"
#include "drivers/ipp/target.h"

namespace drivers::ipp {

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{10000};  // per request, a whole document included
  std::string user = "kiosk";                        // requesting-user-name
};

struct JobRequest {
  std::string name = "document";           // job-name, shown in the printer's queue
  std::string format = "application/pdf";  // document-format
  std::string media;                       // e.g. "iso_a4_210x297mm"; empty: the printer's default
};

class Client {
 public:
  // `target`: see parse_target.
  static std::expected<Client, Error> open(std::string_view target, ClientOptions options = {});

  const Target& target() const { return m_target; }

  std::expected<PrinterStatus, Error> status() const;
  // The job id the printer assigned.
  std::expected<int, Error> submit(std::span<const std::uint8_t> document,
                                   const JobRequest& request = {}) const;
  std::expected<JobAttributes, Error> job(int job_id) const;
  std::expected<void, Error> cancel(int job_id) const;

 private:
  Client(Target target, ClientOptions options)
      : m_target(std::move(target)), m_options(std::move(options)) {}
  Target m_target;
  ClientOptions m_options;
};

struct JobProgress {
  int job_id = 0;  // 0 until the printer accepted the job
  JobStatus status = JobStatus::pending;
  bool final = false;  // the job will not change any more (done, or a failure we gave up on)
  JobAttributes job;
  PrinterStatus printer;
  std::string message;  // describe(): what happened and what to do
};

struct WaitOptions {
  std::chrono::milliseconds poll_interval{500};
  // A printer that stops answering this long while the job is unfinished is gone.
  std::chrono::milliseconds gone_after{5000};
  // A job blocked (paper out, jam, cover, stopped) this long without a page printed is
  // given up: it is cancelled, so it cannot print later after the person has left.
  std::chrono::milliseconds give_up_after{std::chrono::minutes(2)};
  std::chrono::milliseconds overall{std::chrono::minutes(10)};
};

using ProgressCallback = std::function<void(const JobProgress&)>;

// Submits the document and follows the job until it is final; `on_change` sees every new
// status (and page count). A stop request cancels the job and returns it as canceled.
// Never throws; a job the printer refused comes back final with the printer's reason.
JobProgress print_and_wait(const Client& client, std::span<const std::uint8_t> document,
                           const JobRequest& request, const WaitOptions& options = {},
                           const ProgressCallback& on_change = {}, std::stop_token stop = {});

}  // namespace drivers::ipp
