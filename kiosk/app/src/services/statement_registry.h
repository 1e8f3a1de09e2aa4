#pragma once
// Printed statements waiting to be registered with the central server (POST
// /api/v1/statements), so that GET /api/v1/statements/{number} can answer whoever checks the
// paper. A small queue of its own, in <data_dir>/statements.db, not the claims' outbox: a
// registration carries no personal data to encrypt, needs no audit chain or staff review,
// and keeping it apart leaves the claims' outbox and its state machine as they are.
// Exactly once: a row is written (synchronous=FULL) before the statement prints, so a power
// cut or an offline server only delays it; it is sent until the server answers 201 or 200
// (the server is idempotent on the number, so a 201 lost on the way comes back as 200).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "kiosk/sync/client.h"

struct sqlite3;

namespace kiosk::app {

enum class RegisterResult {
  registered,  // 201 or 200: done for good
  retry,       // network, 5xx, 429: later, with backoff
  refused,     // another 4xx: kept with the reason for staff, not sent again
};
// Sends one registration body; WHY says what went wrong (never personal data).
using RegisterSender = std::function<RegisterResult(const std::string& body, std::string& why)>;

// POST /api/v1/statements with a client made on first use (on the registry's thread) from
// OPTIONS, sharing the worker's clock GUARD.
RegisterSender http_register_sender(sync::ClientOptions options,
                                    std::shared_ptr<sync::ClockGuard> guard);

class StatementRegistry {
 public:
  static std::expected<std::unique_ptr<StatementRegistry>, std::string> open(
      const std::filesystem::path& db_path);
  ~StatementRegistry();
  StatementRegistry(const StatementRegistry&) = delete;
  StatementRegistry& operator=(const StatementRegistry&) = delete;

  // Durable when it returns. The same number again keeps the first row.
  std::expected<void, std::string> add(const std::string& number, const std::string& body);

  // Sends every registration due at NOW, on the calling thread; returns how many were sent.
  int send_due(const RegisterSender& send, std::chrono::system_clock::time_point now);

  // A thread that sends what is due, woken by add() and by the earliest retry time.
  void start(RegisterSender send);
  void stop();

  struct Counts {
    std::int64_t pending = 0;
    std::int64_t registered = 0;
    std::int64_t refused = 0;
  };
  Counts counts();

 private:
  explicit StatementRegistry(sqlite3* db) : m_db(db) {}
  void run();

  sqlite3* m_db = nullptr;
  std::mutex m_mutex;  // the connection and the flags below
  std::condition_variable m_wake;
  bool m_stop = false;
  bool m_added = false;
  RegisterSender m_send;
  std::thread m_thread;
};

// The first retry waits this long; each further one doubles it, up to kMaxRetryDelay.
inline constexpr std::chrono::seconds kFirstRetryDelay{5};
inline constexpr std::chrono::seconds kMaxRetryDelay{600};

}  // namespace kiosk::app
