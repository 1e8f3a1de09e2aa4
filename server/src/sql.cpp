// server::sql: what both engines share: --db targets, the SQL dialect, the pool, transactions.
#include "server/sql.h"

#include <charconv>

#include <fmt/core.h>

namespace server::sql {

std::int64_t Rows::integer(std::size_t row, std::size_t col) const {
  const auto& cell = m_rows[row][col];
  if (!cell) return 0;
  std::int64_t value = 0;
  const char* begin = cell->data();
  std::from_chars(begin, begin + cell->size(), value);
  return value;
}

std::expected<Target, std::string> parse_target(std::string_view text) {
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    return Target{Engine::postgresql, std::string(text)};
  }
  if (text.starts_with("sqlite:")) text.remove_prefix(7);
  if (text.empty() || text.find("://") != std::string_view::npos) {
    return std::unexpected(fmt::format(
        "--db '{}' names no database: use sqlite:PATH (or a path) or postgresql://...", text));
  }
  return Target{Engine::sqlite, std::string(text)};
}

std::string translate(std::string_view sql, Engine engine) {
  const bool pg = engine == Engine::postgresql;
  struct Word {
    std::string_view token, sqlite, postgresql;
  };
  static constexpr Word kWords[] = {
      {"{blob}", "BLOB", "BYTEA"},
      {"{serial}", "INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY"},
      {"{seq}", "rowid", "seq"},
      {"{seq_column}", "", "seq BIGSERIAL NOT NULL,"},
  };
  std::string out;
  out.reserve(sql.size() + 16);
  int placeholder = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c == '?' && pg) {
      out += fmt::format("${}", ++placeholder);
      continue;
    }
    if (c == '{') {
      bool replaced = false;
      for (const auto& word : kWords) {
        if (sql.substr(i).starts_with(word.token)) {
          out += pg ? word.postgresql : word.sqlite;
          i += word.token.size() - 1;
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    out += c;
  }
  return out;
}

std::expected<std::unique_ptr<Pool>, std::string> Pool::open(const Target& target,
                                                             std::size_t size) {
  std::unique_ptr<Pool> pool(
      new Pool(target, target.engine == Engine::sqlite ? 1 : std::max<std::size_t>(size, 1)));
  // The first connection now, so a wrong --db is reported at start-up, not at the first claim.
  auto first = pool->acquire();
  if (!first) return std::unexpected(first.error());
  return pool;
}

Pool::~Pool() = default;

Pool::Lease::~Lease() {
  if (m_conn) m_pool->give_back(std::move(m_conn));
}

std::expected<Pool::Lease, std::string> Pool::acquire() {
  std::unique_lock lock(m_mutex);
  m_freed.wait(lock, [&] { return !m_idle.empty() || m_open < m_size; });
  if (!m_idle.empty()) {
    auto conn = std::move(m_idle.back());
    m_idle.pop_back();
    return Lease(*this, std::move(conn));
  }
  ++m_open;
  lock.unlock();
  auto conn = m_target.engine == Engine::sqlite ? open_sqlite(m_target.location)
                                                : open_postgresql(m_target.location);
  if (!conn) {
    std::lock_guard again(m_mutex);
    --m_open;
    m_freed.notify_one();
    return std::unexpected(conn.error());
  }
  return Lease(*this, std::move(*conn));
}

void Pool::give_back(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(m_mutex);
  m_idle.push_back(std::move(conn));
  m_freed.notify_one();
}

std::expected<void, std::string> in_transaction(
    Connection& conn, const std::function<std::expected<void, std::string>()>& work) {
  if (auto ok = conn.begin(); !ok) return ok;
  auto done = work();
  if (!done) {
    conn.rollback();
    return done;
  }
  if (auto ok = conn.commit(); !ok) {
    conn.rollback();
    return ok;
  }
  return {};
}

}  // namespace server::sql
