// Following one job to its end: poll the job and the printer, report every change, give up
// on a printer that is gone or a job that stays blocked, and cancel what we give up on.
#include <thread>

#include <fmt/core.h>

#include "drivers/ipp/client.h"

namespace drivers::ipp {
namespace {

using Clock = std::chrono::steady_clock;

bool same(const JobProgress& a, const JobProgress& b) {
  return a.job_id == b.job_id && a.status == b.status && a.final == b.final &&
         a.job.pages_done == b.job.pages_done && a.printer.reasons == b.printer.reasons;
}

// Sleeps up to `duration`, waking early when a stop is requested.
void pause(std::chrono::milliseconds duration, const std::stop_token& stop) {
  const auto until = Clock::now() + duration;
  while (!stop.stop_requested() && Clock::now() < until) {
    std::this_thread::sleep_for(
        std::min<Clock::duration>(std::chrono::milliseconds(20), until - Clock::now()));
  }
}

}  // namespace

JobProgress print_and_wait(const Client& client, std::span<const std::uint8_t> document,
                           const JobRequest& request, const WaitOptions& options,
                           const ProgressCallback& on_change, std::stop_token stop) {
  const std::string& where = client.target().display;
  JobProgress progress;
  auto report = [&](JobProgress next) {
    bool changed = !same(next, progress);
    progress = std::move(next);
    if (changed && on_change) on_change(progress);
  };
  auto finish = [&](JobStatus status, std::string message) {
    JobProgress next = progress;
    next.status = status;
    next.final = true;
    next.message = std::move(message);
    report(std::move(next));
    return progress;
  };

  auto id = client.submit(document, request);
  if (!id) {
    bool gone = id.error().kind == Error::Kind::unreachable;
    return finish(gone ? JobStatus::printer_gone : JobStatus::refused, id.error().message);
  }
  {
    JobProgress accepted;
    accepted.job_id = *id;
    accepted.message = describe(JobStatus::pending, accepted.job, accepted.printer, where);
    report(std::move(accepted));
  }

  const auto started = Clock::now();
  auto last_answer = started;
  auto last_movement = started;  // last time the job was not blocked or printed a page
  while (true) {
    if (stop.stop_requested()) {
      auto cancelled = client.cancel(*id);
      return finish(JobStatus::canceled,
                    cancelled ? "the job was cancelled"
                              : "the job could not be cancelled: " + cancelled.error().message);
    }
    auto job = client.job(*id);
    auto printer = client.status();
    const auto now = Clock::now();
    if (!job) {
      if (job.error().kind != Error::Kind::unreachable) {
        return finish(JobStatus::aborted, job.error().message);
      }
      if (now - last_answer >= options.gone_after) {
        return finish(JobStatus::printer_gone,
                      fmt::format("{} stopped answering while printing job {}: check that it is "
                                  "switched on and connected, then print again",
                                  where, *id));
      }
    } else {
      last_answer = now;
      JobProgress next = progress;
      next.job = *job;
      if (printer) next.printer = *printer;
      next.status = classify(next.job, next.printer);
      next.final = next.status == JobStatus::done || next.status == JobStatus::canceled ||
                   next.status == JobStatus::aborted;
      next.message = describe(next.status, next.job, next.printer, where);
      if (is_blocked(next.status)) next.message += "; the job goes on once that is done";
      if (!is_blocked(next.status) || next.job.pages_done > progress.job.pages_done) {
        last_movement = now;
      }
      report(std::move(next));
      if (progress.final) return progress;
      if (is_blocked(progress.status) && now - last_movement >= options.give_up_after) {
        auto cancelled = client.cancel(*id);
        return finish(
            progress.status,
            fmt::format(
                "{}; gave up after {} s and cancelled the job{}",
                describe(progress.status, progress.job, progress.printer, where),
                std::chrono::duration_cast<std::chrono::seconds>(now - last_movement).count(),
                cancelled ? "" : " (cancelling failed: " + cancelled.error().message + ")"));
      }
    }
    if (now - started >= options.overall) {
      auto cancelled = client.cancel(*id);
      (void)cancelled;  // the printer may be gone; the status already says the job is over
      return finish(JobStatus::timed_out,
                    describe(JobStatus::timed_out, progress.job, progress.printer, where));
    }
    pause(options.poll_interval, stop);
  }
}

}  // namespace drivers::ipp
