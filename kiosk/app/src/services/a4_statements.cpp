#include "services/a4_statements.h"

#include <spdlog/spdlog.h>

namespace kiosk::app {

namespace ipp = drivers::ipp;

core::printer::A4State a4_state(ipp::JobStatus status) {
  using core::printer::A4State;
  switch (status) {
    case ipp::JobStatus::pending: return A4State::waiting;
    case ipp::JobStatus::processing: return A4State::printing;
    case ipp::JobStatus::done: return A4State::done;
    case ipp::JobStatus::paper_out: return A4State::paper_out;
    case ipp::JobStatus::jammed: return A4State::jammed;
    case ipp::JobStatus::cover_open: return A4State::cover_open;
    case ipp::JobStatus::stopped: return A4State::stopped;
    case ipp::JobStatus::printer_gone: return A4State::printer_gone;
    case ipp::JobStatus::canceled: return A4State::canceled;
    case ipp::JobStatus::refused: return A4State::refused;
    case ipp::JobStatus::aborted:
    case ipp::JobStatus::timed_out: return A4State::failed;
  }
  return A4State::failed;
}

std::expected<std::unique_ptr<A4Statements>, std::string> A4Statements::open(
    const std::string& target, EventQueue& queue, A4Options options) {
  auto client = ipp::Client::open(target, options.client);
  if (!client) return std::unexpected(client.error().message);
  return std::unique_ptr<A4Statements>(
      new A4Statements(std::move(*client), queue, std::move(options)));
}

A4Statements::~A4Statements() {
  std::lock_guard lock(m_mutex);
  if (m_thread.joinable()) {
    m_thread.request_stop();
    m_thread.join();
  }
}

std::expected<std::uint64_t, std::string> A4Statements::print(receipts::Statement statement) {
  std::lock_guard lock(m_mutex);
  if (m_running.load()) {
    return std::unexpected(fmt::format("{} is still busy with statement job {}", printer(), m_job));
  }
  if (m_thread.joinable()) m_thread.join();  // finished: its last report is out
  const std::uint64_t job = ++m_next;
  m_job = job;
  m_running = true;
  m_thread =
      std::jthread([this, job, statement = std::move(statement)](std::stop_token stop) mutable {
        run(job, std::move(statement), stop);
      });
  return job;
}

void A4Statements::cancel(std::uint64_t job) {
  std::lock_guard lock(m_mutex);
  if (!m_running.load() || (job != 0 && job != m_job)) return;
  spdlog::info("a4: cancelling statement job {} on {}", m_job, printer());
  m_thread.request_stop();
}

void A4Statements::run(std::uint64_t job, receipts::Statement statement, std::stop_token stop) {
  auto report = [&](core::printer::A4State state, int pages, bool final) {
    m_queue.push(core::PrinterInput{core::printer::A4Job{job, state, pages, final}});
  };
  auto pdf = receipts::render_statement_pdf(statement, m_options.layout);
  const std::string number = statement.verification_number;
  statement.member.wipe();  // the PDF holds what is printed; the card's values go now
  if (!pdf) {
    spdlog::error("a4: statement {} not laid out: {}", number, pdf.error().message);
    m_running = false;
    report(core::printer::A4State::failed, 0, true);
    return;
  }
  ipp::JobRequest request;
  request.name = "statement " + number;
  request.media = m_options.media;
  auto last = ipp::print_and_wait(
      m_client, *pdf, request, m_options.wait,
      [&](const ipp::JobProgress& progress) {
        spdlog::info("a4: statement job {} (printer job {}): {}{}", job, progress.job_id,
                     ipp::to_string(progress.status), progress.final ? " (final)" : "");
        // The final report goes out below, once this thread is no longer busy.
        if (!progress.final) {
          report(a4_state(progress.status), progress.job.pages_done, false);
        }
      },
      stop);
  if (last.status != ipp::JobStatus::done) {
    spdlog::warn("a4: statement {} not printed: {}", number, last.message);
  }
  m_running = false;
  report(a4_state(last.status), last.job.pages_done, true);
}

}  // namespace kiosk::app
