#include "services/statement_registry.h"

#include <sqlite3.h>

#include <algorithm>
#include <vector>

#include <spdlog/spdlog.h>

#include "base/sqlite.h"

namespace kiosk::app {
namespace {
namespace sql = base::sqlite;

std::int64_t to_ms(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

constexpr const char* kSchema = R"sql(
  CREATE TABLE IF NOT EXISTS registrations (
    number TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'registered', 'refused')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try_ms INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
  );
  CREATE INDEX IF NOT EXISTS registrations_due ON registrations (state, next_try_ms);
)sql";

std::int64_t retry_delay_ms(std::int64_t attempts) {
  auto delay = kFirstRetryDelay * (std::int64_t{1} << std::min<std::int64_t>(attempts - 1, 10));
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::min<std::chrono::seconds>(delay, kMaxRetryDelay))
      .count();
}

}  // namespace

RegisterSender http_register_sender(sync::ClientOptions options,
                                    std::shared_ptr<sync::ClockGuard> guard) {
  auto client = std::make_shared<std::optional<sync::Client>>();
  return [client, options = std::move(options), guard = std::move(guard)](const std::string& body,
                                                                          std::string& why) {
    if (!*client) {
      auto created = sync::Client::create(options, guard);
      if (!created) {
        why = created.error().message;
        return RegisterResult::retry;
      }
      client->emplace(std::move(*created));
    }
    auto reply = (*client)->post("/api/v1/statements", body);
    if (!reply) {
      why = reply.error().message;
      return RegisterResult::retry;
    }
    if (reply->status == 201 || reply->status == 200) return RegisterResult::registered;
    why = fmt::format("HTTP {}: {}", reply->status, reply->body.substr(0, 200));
    // 401/403: certificates or clock being fixed by staff; 429 and 5xx: the server, later.
    const bool later = reply->status >= 500 || reply->status == 429 || reply->status == 401 ||
                       reply->status == 403;
    return later ? RegisterResult::retry : RegisterResult::refused;
  };
}

std::expected<std::unique_ptr<StatementRegistry>, std::string> StatementRegistry::open(
    const std::filesystem::path& db_path) {
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(db_path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  std::unique_ptr<StatementRegistry> registry(new StatementRegistry(db));
  if (rc != SQLITE_OK) {
    return std::unexpected(fmt::format("statement registrations {}: {}", db_path.string(),
                                       sql::failure(db, rc, "open the database").describe()));
  }
  sqlite3_busy_timeout(db, 5000);
  for (const char* setup : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", kSchema}) {
    if (auto done = sql::exec(db, setup); !done) {
      return std::unexpected(
          fmt::format("statement registrations {}: {}", db_path.string(), done.error().describe()));
    }
  }
  return registry;
}

StatementRegistry::~StatementRegistry() {
  stop();
  if (m_db != nullptr) sqlite3_close_v2(m_db);
}

std::expected<void, std::string> StatementRegistry::add(const std::string& number,
                                                        const std::string& body) {
  {
    std::lock_guard lock(m_mutex);
    auto insert = sql::Statement::prepare(
        m_db, "INSERT INTO registrations (number, body) VALUES (?, ?) ON CONFLICT DO NOTHING");
    if (!insert) return std::unexpected(insert.error().describe());
    if (auto done = insert->bind(1, number).bind(2, body).run(); !done) {
      return std::unexpected(done.error().describe());
    }
    m_added = true;
  }
  m_wake.notify_all();
  return {};
}

int StatementRegistry::send_due(const RegisterSender& send,
                                std::chrono::system_clock::time_point now) {
  std::vector<std::pair<std::string, std::string>> due;
  {
    std::lock_guard lock(m_mutex);
    auto select = sql::Statement::prepare(
        m_db,
        "SELECT number, body FROM registrations WHERE state = 'pending' AND next_try_ms <= ? "
        "ORDER BY next_try_ms, number LIMIT 50");
    if (!select) {
      spdlog::error("statement registrations: {}", select.error().describe());
      return 0;
    }
    select->bind(1, to_ms(now));
    while (true) {
      auto row = select->step();
      if (!row || !*row) break;
      due.emplace_back(select->column_text(0), select->column_text(1));
    }
  }
  int sent = 0;
  for (const auto& [number, body] : due) {
    std::string why;
    const RegisterResult result = send(body, why);  // no lock held over the network
    ++sent;
    std::lock_guard lock(m_mutex);
    auto update = sql::Statement::prepare(m_db, R"sql(
      UPDATE registrations SET state = ?2, attempts = attempts + 1, last_error = ?3,
             next_try_ms = ?4 + CASE WHEN ?2 = 'pending' THEN ?5 ELSE 0 END
       WHERE number = ?1)sql");
    if (!update) {
      spdlog::error("statement registrations: {}", update.error().describe());
      continue;
    }
    auto attempts =
        sql::Statement::prepare(m_db, "SELECT attempts FROM registrations WHERE number = ?");
    std::int64_t tried = 1;
    if (attempts && attempts->bind(1, number).step().value_or(false))
      tried = attempts->column_int(0) + 1;
    const char* state = result == RegisterResult::registered ? "registered"
                        : result == RegisterResult::refused  ? "refused"
                                                             : "pending";
    update->bind(1, number).bind(2, std::string_view(state));
    if (why.empty()) {
      update->bind_null(3);
    } else {
      update->bind(3, why);
    }
    update->bind(4, to_ms(now)).bind(5, retry_delay_ms(tried));
    if (auto done = update->run(); !done) {
      spdlog::error("statement registrations: {}", done.error().describe());
    }
    switch (result) {
      case RegisterResult::registered: spdlog::info("statement {} registered", number); break;
      case RegisterResult::retry:
        spdlog::warn("statement {} not registered yet, will retry: {}", number, why);
        break;
      case RegisterResult::refused:
        spdlog::error("statement {} refused by the server: {}", number, why);
        break;
    }
  }
  return sent;
}

void StatementRegistry::start(RegisterSender send) {
  std::lock_guard lock(m_mutex);
  if (m_thread.joinable()) return;
  m_send = std::move(send);
  m_stop = false;
  m_thread = std::thread([this] { run(); });
}

void StatementRegistry::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void StatementRegistry::run() {
  while (true) {
    send_due(m_send, std::chrono::system_clock::now());
    std::unique_lock lock(m_mutex);
    // The earliest retry, or a minute at most: a clock step never strands a row.
    auto wake_at = std::chrono::system_clock::now() + std::chrono::minutes(1);
    if (auto next = base::sqlite::query_int(
            m_db,
            "SELECT COALESCE(MIN(next_try_ms), 0) FROM registrations WHERE state = 'pending'");
        next && *next > 0) {
      wake_at = std::min(wake_at,
                         std::chrono::system_clock::time_point(std::chrono::milliseconds(*next)));
    }
    m_wake.wait_until(lock, wake_at, [this] { return m_stop || m_added; });
    if (m_stop) return;
    m_added = false;
  }
}

StatementRegistry::Counts StatementRegistry::counts() {
  std::lock_guard lock(m_mutex);
  Counts counts;
  auto select =
      sql::Statement::prepare(m_db, "SELECT state, COUNT(*) FROM registrations GROUP BY state");
  if (!select) return counts;
  while (select->step().value_or(false)) {
    const auto state = select->column_text(0);
    const auto n = select->column_int(1);
    if (state == "pending") counts.pending = n;
    if (state == "registered") counts.registered = n;
    if (state == "refused") counts.refused = n;
  }
  return counts;
}

}  // namespace kiosk::app
