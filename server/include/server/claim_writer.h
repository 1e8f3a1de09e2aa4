#pragma once
// Group commit for claims: the HTTP threads queue their claims here and wait; one thread at a
// time takes every claim waiting, has them checked and written in one transaction (one
// commit, one fsync) and answers each after that commit. A claim is therefore acknowledged
// only once it is durable, and while one batch commits the next one gathers, so the disk's
// fsync is paid once per batch instead of once per claim.
//
// The writing threads are waiting HTTP threads, not threads of their own: a claim that meets
// no other is written at once by the thread that received it, with no hand-over to another
// thread, which on a busy machine costs a scheduling delay each way.
//
// Claims are grouped by member (ClaimSubmission::member): a member's claims are written in the
// order they arrived, never by two batches at once, because each is checked against the ones
// before it. With one writer (SQLite) a batch holds every claim waiting. With several
// (PostgreSQL: several connections, each statement a round trip) a batch holds one member's
// claims and the members' batches are written side by side; a member's claims that arrive
// while one of its batches is written wait for it and then go together in the next.
//
// Not here: what a batch does in the database (Database::submit_claims).
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <expected>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "server/claim_types.h"

namespace server {

// How many batches were written and how large they were: what group commit achieved.
struct BatchStats {
  std::uint64_t batches = 0;
  std::uint64_t claims = 0;
  std::size_t largest = 0;
};

class ClaimWriter {
 public:
  // WRITE stores one batch and answers each claim of it, in order; up to MAX_WRITERS
  // batches at once, each of up to MAX_BATCH claims.
  using Write = std::function<std::vector<ClaimAnswer>(const std::vector<ClaimSubmission>&)>;
  ClaimWriter(Write write, std::size_t max_batch, std::size_t max_writers = 1);
  ~ClaimWriter() = default;
  ClaimWriter(const ClaimWriter&) = delete;
  ClaimWriter& operator=(const ClaimWriter&) = delete;

  // Queues the claim and waits until the batch holding it has committed (or failed).
  ClaimAnswer submit(ClaimSubmission submission);
  BatchStats stats() const;

 private:
  struct Request {
    ClaimSubmission submission;
    std::optional<ClaimAnswer> answer;
    // Woken when answered, or when it heads the queue and a batch ended: then it may write.
    std::condition_variable wake;
  };
  // The queued claims whose members no batch is writing (with several writers, those of the
  // first such member), up to m_max_batch; their members are then marked busy.
  std::vector<Request*> take_batch();

  Write m_write;
  std::size_t m_max_batch;
  std::size_t m_max_writers;
  mutable std::mutex m_mutex;
  std::deque<Request*> m_queue;
  std::size_t m_writers = 0;
  std::set<std::string> m_busy;  // members a batch is being written for
  BatchStats m_stats;
};

}  // namespace server
