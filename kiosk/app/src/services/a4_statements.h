#pragma once
// Statements on the A4 printer ([a4] printer): lays the statement out as a PDF and prints it
// through libcups on a thread of its own, reporting the job's progress to the session through
// the event queue as printer::A4Job (the job's number is this service's own count, not the
// printer's). One job at a time; cancel() stops it at the printer (the visit ended, or the
// person chose the receipt printer). Personal data lives on the thread only until the PDF is
// laid out: the PDF itself holds the person masked as the statement says.
#include <atomic>
#include <cstdint>
#include <expected>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "drivers/ipp/client.h"
#include "kiosk/app/event_queue.h"
#include "kiosk/core/inputs.h"
#include "kiosk/receipts/statement.h"

namespace kiosk::app {

struct A4Options {
  drivers::ipp::ClientOptions client;
  drivers::ipp::WaitOptions wait;
  receipts::StatementOptions layout;
  std::string media = "iso_a4_210x297mm";
};

class A4Statements {
 public:
  // TARGET: the [a4] printer value (checked when the config was read). Nothing is contacted
  // yet: a printer that is off at start-up may be on by the first statement.
  static std::expected<std::unique_ptr<A4Statements>, std::string> open(const std::string& target,
                                                                        EventQueue& queue,
                                                                        A4Options options = {});
  ~A4Statements();  // cancels a job still running and waits for its thread
  A4Statements(const A4Statements&) = delete;
  A4Statements& operator=(const A4Statements&) = delete;

  // Starts printing STATEMENT; returns the job's number at once. A4Job reports with that
  // number follow through the queue, the last with final set. Refused while a job runs.
  std::expected<std::uint64_t, std::string> print(receipts::Statement statement);
  // Cancels JOB at the printer if it still runs (0: whichever runs); its last report says
  // canceled. Returns at once.
  void cancel(std::uint64_t job = 0);
  bool busy() const { return m_running.load(); }
  const std::string& printer() const { return m_client.target().display; }

 private:
  A4Statements(drivers::ipp::Client client, EventQueue& queue, A4Options options)
      : m_client(std::move(client)), m_queue(queue), m_options(std::move(options)) {}
  void run(std::uint64_t job, receipts::Statement statement, std::stop_token stop);

  drivers::ipp::Client m_client;
  EventQueue& m_queue;
  A4Options m_options;
  std::mutex m_mutex;  // m_thread and m_job, between print, cancel and the destructor
  std::jthread m_thread;
  std::uint64_t m_job = 0;  // the job m_thread runs (or ran)
  std::uint64_t m_next = 0;
  std::atomic<bool> m_running{false};
};

// The session's word for a driver's job status.
core::printer::A4State a4_state(drivers::ipp::JobStatus status);

}  // namespace kiosk::app
