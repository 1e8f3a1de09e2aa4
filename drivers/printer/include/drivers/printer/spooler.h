#pragma once
// Printing a job safely: check the status first, refuse with the reason when paper is out or
// the cover is open, send the job under an overall deadline, confirm completion with GS r
// where the profile allows, retry what is recoverable. The Spooler runs this on its own
// thread and reports every change through a callback (the app turns them into events).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "drivers/printer/profile.h"
#include "drivers/printer/status.h"
#include "drivers/printer/transport.h"

namespace drivers::printer {

struct SpoolerEvent {
  enum class Kind {
    status,        // the printer's status changed (Spooler) or was read (print_job)
    warning,       // e.g. paper near end: printing goes on
    job_started,
    job_done,
    job_refused,   // not started: paper out, cover open, cutter error (message says which)
    job_failed,    // started or tried and did not complete (message says why)
  };
  Kind kind = Kind::status;
  std::uint64_t job = 0;  // 0 for status and idle warnings
  Status status;
  std::string message;
};

using SpoolerCallback = std::function<void(const SpoolerEvent&)>;

struct SpoolerOptions {
  std::string uri;  // see transport.h
  Profile profile = generic_80mm();
  std::chrono::milliseconds status_timeout{500};  // per DLE EOT query
  std::chrono::milliseconds job_timeout{15000};   // overall, from connect to confirmation
  int attempts = 3;                                // for recoverable problems
  std::chrono::milliseconds retry_delay{400};
  std::chrono::milliseconds idle_poll{5000};       // status checks while idle; 0 = none
};

// DLE EOT n for each query the profile answers, after draining stale bytes.
Status query_status(Transport& transport, const Profile& profile,
                    std::chrono::milliseconds timeout);

// Opens the device and reads its status once (kioskctl printer status, the idle poll).
std::expected<Status, Error> read_status(const SpoolerOptions& options);

struct JobResult {
  enum class Outcome { done, refused, failed };
  Outcome outcome = Outcome::failed;
  Status status;        // the last status read
  std::string message;  // why, for refused and failed
  int attempts = 0;
};

// One job, synchronously, on the calling thread; events go to `events` (may be empty).
JobResult print_job(const SpoolerOptions& options, std::span<const std::uint8_t> job,
                    std::uint64_t job_id = 0, const SpoolerCallback& events = {});

class Spooler {
 public:
  Spooler(SpoolerOptions options, SpoolerCallback callback);
  ~Spooler();  // finishes the job in progress, drops queued ones, joins the thread
  Spooler(const Spooler&) = delete;
  Spooler& operator=(const Spooler&) = delete;

  // Queues the bytes (an encoded document); returns the job id used in events.
  std::uint64_t submit(std::vector<std::uint8_t> job);
  std::size_t queued() const;
  Status last_status() const;
  void stop();

 private:
  void run();
  void report(const SpoolerEvent& event);

  SpoolerOptions m_options;
  SpoolerCallback m_callback;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<std::pair<std::uint64_t, std::vector<std::uint8_t>>> m_queue;
  std::uint64_t m_next_id = 1;
  bool m_stop = false;
  bool m_have_status = false;
  Status m_status;
  std::thread m_thread;
};

}  // namespace drivers::printer
