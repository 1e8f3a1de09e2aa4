// server::ClaimWriter: the queue of claims, written in batches by waiting threads.
#include "server/claim_writer.h"

#include <algorithm>

namespace server {

ClaimWriter::ClaimWriter(Write write, std::size_t max_batch, std::size_t max_writers)
    : m_write(std::move(write)),
      m_max_batch(std::max<std::size_t>(max_batch, 1)),
      m_max_writers(std::max<std::size_t>(max_writers, 1)) {}

std::vector<ClaimWriter::Request*> ClaimWriter::take_batch() {
  std::vector<Request*> taken;
  // With several writers, a batch holds one member's claims: the members' batches are then
  // written side by side, each a connection's round trips, instead of one after another in
  // one batch. With one writer (SQLite: no round trips) it holds everything waiting.
  const std::string* only = nullptr;
  for (auto it = m_queue.begin(); it != m_queue.end() && taken.size() < m_max_batch;) {
    const std::string& member = (*it)->submission.member;
    if (m_busy.contains(member) || (only != nullptr && member != *only)) {
      ++it;
      continue;
    }
    if (m_max_writers > 1) only = &member;
    taken.push_back(*it);
    it = m_queue.erase(it);
  }
  for (const Request* r : taken) m_busy.insert(r->submission.member);
  return taken;
}

ClaimAnswer ClaimWriter::submit(ClaimSubmission submission) {
  Request request{std::move(submission), std::nullopt, {}};
  std::unique_lock lock(m_mutex);
  m_queue.push_back(&request);
  while (!request.answer) {
    // This thread writes what is waiting now (its own claim among it, unless a batch of its
    // member is being written), without waiting for more: what arrives meanwhile makes the
    // next batch.
    std::vector<Request*> taken;
    if (m_writers < m_max_writers) taken = take_batch();
    if (taken.empty()) {
      request.wake.wait(lock);
      continue;
    }
    ++m_writers;
    // Claims are left (another member's, or more than a batch holds): the next in the
    // queue may write beside this one.
    if (!m_queue.empty() && m_writers < m_max_writers) {
      m_queue.front()->wake.notify_one();
    }
    lock.unlock();
    std::vector<ClaimSubmission> batch;
    batch.reserve(taken.size());
    for (Request* r : taken) batch.push_back(r->submission);
    std::vector<ClaimAnswer> answers;
    try {
      answers = m_write(batch);
    } catch (const std::exception& e) {
      // Nothing of the batch is acknowledged; the kiosks send it again.
      answers.assign(taken.size(),
                     std::unexpected(std::string("writing a batch of claims failed: ") + e.what()));
    }
    lock.lock();
    for (std::size_t i = 0; i < taken.size(); ++i) {
      taken[i]->answer =
          i < answers.size()
              ? std::move(answers[i])
              : ClaimAnswer(std::unexpected(std::string("the claim was not written")));
      m_busy.erase(taken[i]->submission.member);
    }
    --m_writers;
    ++m_stats.batches;
    m_stats.claims += taken.size();
    m_stats.largest = std::max(m_stats.largest, taken.size());
    // Only the threads that have their answer, and the one heading the queue: it writes what
    // waits now (every thread woken at once would cost a busy machine more than the batch).
    for (Request* r : taken) {
      if (r != &request) r->wake.notify_one();
    }
    if (!m_queue.empty()) m_queue.front()->wake.notify_one();
  }
  return std::move(*request.answer);
}

BatchStats ClaimWriter::stats() const {
  std::lock_guard lock(m_mutex);
  return m_stats;
}

}  // namespace server
