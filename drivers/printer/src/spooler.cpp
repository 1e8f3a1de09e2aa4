#include "drivers/printer/spooler.h"

namespace drivers::printer {

Spooler::Spooler(SpoolerOptions options, SpoolerCallback callback)
    : m_options(std::move(options)), m_callback(std::move(callback)) {
  m_thread = std::thread([this] { run(); });
}

Spooler::~Spooler() { stop(); }

void Spooler::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

std::uint64_t Spooler::submit(std::vector<std::uint8_t> job) {
  std::uint64_t id;
  {
    std::lock_guard lock(m_mutex);
    id = m_next_id++;
    m_queue.emplace_back(id, std::move(job));
  }
  m_wake.notify_all();
  return id;
}

std::size_t Spooler::queued() const {
  std::lock_guard lock(m_mutex);
  return m_queue.size();
}

Status Spooler::last_status() const {
  std::lock_guard lock(m_mutex);
  return m_status;
}

// Status events go out only when the status changed; everything else always.
void Spooler::report(const SpoolerEvent& event) {
  if (event.kind == SpoolerEvent::Kind::status) {
    std::lock_guard lock(m_mutex);
    if (m_have_status && event.status == m_status) return;
    m_have_status = true;
    m_status = event.status;
  }
  if (m_callback) m_callback(event);
}

void Spooler::run() {
  SpoolerCallback forward = [this](const SpoolerEvent& e) { report(e); };
  while (true) {
    std::pair<std::uint64_t, std::vector<std::uint8_t>> job;
    {
      std::unique_lock lock(m_mutex);
      auto has_work = [&] { return m_stop || !m_queue.empty(); };
      bool woke = m_options.idle_poll.count() > 0
                      ? m_wake.wait_for(lock, m_options.idle_poll, has_work)
                      : (m_wake.wait(lock, has_work), true);
      if (m_stop) return;
      if (!woke) {
        lock.unlock();
        auto status = read_status(m_options);
        Status s = status ? *status : Status{};
        report({SpoolerEvent::Kind::status, 0, s, status ? "" : status.error().message});
        continue;
      }
      job = std::move(m_queue.front());
      m_queue.pop_front();
    }
    print_job(m_options, job.second, job.first, forward);
  }
}

}  // namespace drivers::printer
