// Status queries and one print job over a transport (escpos.md 1.9, 1.10 and 6).
#include <algorithm>
#include <array>
#include <initializer_list>
#include <thread>

#include <fmt/core.h>

#include "drivers/printer/spooler.h"

namespace drivers::printer {
namespace {

// Reads until a reply of one of those kinds arrives or the deadline passes; other replies
// are dropped.
std::optional<Reply> wait_reply(Transport& t, ReplyParser& parser,
                                std::initializer_list<Reply::Kind> kinds, Deadline deadline) {
  std::array<std::uint8_t, 64> buffer{};
  while (true) {
    while (auto reply = parser.next()) {
      if (std::ranges::find(kinds, reply->kind) != kinds.end()) return reply;
    }
    auto n = t.read(buffer, deadline);
    if (!n || *n == 0) return std::nullopt;
    parser.feed(std::span(buffer).first(*n));
  }
}

void emit(const SpoolerCallback& events, SpoolerEvent::Kind kind, std::uint64_t job,
          const Status& status, std::string message = {}) {
  if (events) events(SpoolerEvent{kind, job, status, std::move(message)});
}

// Waits for the GS r reply that confirms the job; empty when it came and says the paper did
// not end. Meanwhile DLE EOT 2 (answered at once, even mid-job) is asked every status
// timeout, so that a printer that stopped (paper end, cover open, error) is reported then
// and not at the job deadline. A query without an answer is no failure: the GS r may still
// come.
std::string await_confirmation(Transport& t, const SpoolerOptions& options, Deadline deadline) {
  const auto& queries = options.profile.status_queries;
  bool poll = std::ranges::find(queries, 2) != queries.end();
  ReplyParser parser;
  while (true) {
    Deadline slice = poll ? std::min(deadline, deadline_in(options.status_timeout)) : deadline;
    auto reply = wait_reply(t, parser, {Reply::Kind::gs_r, Reply::Kind::dle_eot}, slice);
    if (reply && reply->kind == Reply::Kind::gs_r) {
      // GS r 1 paper-end bits: a firmware that answers at paper end ran out during the
      // job, so the receipt is incomplete (escpos.md 1.9.3).
      if ((reply->bytes[0] & 0x0C) == 0x0C)
        return "the printer reported paper end at the end of the job";
      return {};
    }
    if (reply) {
      // DLE EOT 2: cover open (0x04), stopped at paper end (0x20), error (0x40).
      if (reply->bytes[0] & (0x04 | 0x20 | 0x40)) return "the printer stopped during the job";
      continue;
    }
    if (Clock::now() >= deadline) return "the printer did not confirm the job before the deadline";
    if (auto asked = t.write(status_query(2), deadline); !asked) return asked.error().message;
  }
}

bool must_refuse(const Status& s) {
  return s.cover_open || s.paper == Paper::out || s.cutter_error || s.unrecoverable_error;
}

}  // namespace

Status query_status(Transport& transport, const Profile& profile,
                    std::chrono::milliseconds timeout) {
  transport.drain();
  ReplyParser parser;
  StatusBytes bytes;
  for (int n : profile.status_queries) {
    auto query = status_query(n);
    Deadline deadline = deadline_in(timeout);
    if (!transport.write(query, deadline)) break;
    auto reply = wait_reply(transport, parser, {Reply::Kind::dle_eot}, deadline);
    if (!reply) break;  // a printer that did not answer one query will not answer the next
    std::uint8_t b = reply->bytes[0];
    switch (n) {
      case 1: bytes.printer = b; break;
      case 2: bytes.offline_cause = b; break;
      case 3: bytes.error_cause = b; break;
      default: bytes.roll_paper = b; break;
    }
  }
  return decode_status(bytes);
}

std::expected<Status, Error> read_status(const SpoolerOptions& options) {
  auto transport = open_transport(options.uri, deadline_in(options.status_timeout * 4));
  if (!transport) return std::unexpected(transport.error());
  if (!(*transport)->bidirectional()) {
    return std::unexpected(
        Error{fmt::format("{} sends nothing back, so it has no status", (*transport)->describe())});
  }
  return query_status(**transport, options.profile, options.status_timeout);
}

JobResult print_job(const SpoolerOptions& options, std::span<const std::uint8_t> job,
                    std::uint64_t job_id, const SpoolerCallback& events) {
  JobResult result;
  const Profile& profile = options.profile;
  int attempts = std::max(1, options.attempts);
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    result.attempts = attempt;
    if (attempt > 1) std::this_thread::sleep_for(options.retry_delay);
    Deadline deadline = deadline_in(options.job_timeout);
    auto opened =
        open_transport(options.uri, std::min(deadline, deadline_in(options.status_timeout * 4)));
    if (!opened) {
      result.message = opened.error().message;
      continue;  // the printer may be restarting
    }
    Transport& t = **opened;
    if (t.bidirectional()) {
      result.status = query_status(t, profile, options.status_timeout);
      emit(events, SpoolerEvent::Kind::status, job_id, result.status);
      if (!result.status.replied) {
        result.message = fmt::format(
            "the printer at {} did not answer a status query; check "
            "its power and cable",
            t.describe());
        // A printer left inside a command by an aborted job swallows our queries as its
        // parameters: NUL padding completes that command (escpos.md 1.10).
        static const std::vector<std::uint8_t> kPadding(8192, 0x00);
        (void)t.write(kPadding, deadline_in(options.status_timeout));
        continue;
      }
      if (must_refuse(result.status)) {
        result.outcome = JobResult::Outcome::refused;
        result.message = result.status.problem().value_or("the printer cannot print");
        emit(events, SpoolerEvent::Kind::job_refused, job_id, result.status, result.message);
        return result;
      }
      if (auto problem = result.status.problem()) {
        // Recoverable errors and offline: ask the printer to recover, then try again.
        static constexpr std::array<std::uint8_t, 3> kRecover{0x10, 0x05, 0x02};
        (void)t.write(kRecover, deadline_in(options.status_timeout));
        result.message = *problem;
        continue;
      }
      if (result.status.paper == Paper::near_end) {
        emit(events, SpoolerEvent::Kind::warning, job_id, result.status,
             "the paper roll is nearly used up; replace it soon");
      }
    }
    emit(events, SpoolerEvent::Kind::job_started, job_id, result.status);
    bool confirm = t.bidirectional() && profile.answers_gs_r;
    std::vector<std::uint8_t> bytes(job.begin(), job.end());
    if (confirm) bytes.insert(bytes.end(), {0x1D, 0x72, 0x01});
    auto written = t.write(bytes, deadline);
    std::string failure;
    if (!written) {
      failure = written.error().message;
    } else if (confirm) {
      failure = await_confirmation(t, options, deadline);
    }
    if (failure.empty() && t.bidirectional() && !confirm) {
      Status after = query_status(t, profile, options.status_timeout);
      if (after.replied && must_refuse(after)) failure = "the printer stopped during the job";
    }
    if (failure.empty()) {
      result.outcome = JobResult::Outcome::done;
      result.message.clear();
      emit(events, SpoolerEvent::Kind::job_done, job_id, result.status);
      return result;
    }
    // Name the cause if the printer still answers; a job that was (partly) sent is not
    // repeated, so that nobody gets two receipts.
    if (t.bidirectional()) {
      result.status = query_status(t, profile, options.status_timeout);
      emit(events, SpoolerEvent::Kind::status, job_id, result.status);
    }
    if (!t.bidirectional()) {
      result.message = failure;
    } else if (!result.status.replied) {
      result.message = fmt::format("{}; the printer stopped answering during the job", failure);
    } else if (auto problem = result.status.problem()) {
      result.message = fmt::format("{}; {}", failure, *problem);
    } else {
      result.message = failure;
    }
    result.outcome = JobResult::Outcome::failed;
    emit(events, SpoolerEvent::Kind::job_failed, job_id, result.status, result.message);
    return result;
  }
  result.outcome = JobResult::Outcome::failed;
  emit(events, SpoolerEvent::Kind::job_failed, job_id, result.status, result.message);
  return result;
}

}  // namespace drivers::printer
