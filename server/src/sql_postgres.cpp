// server::sql on PostgreSQL through libpq: statements prepared once per connection, bytes as
// binary bytea parameters, results as text (bytea in hex, decoded here).
#include <cstring>
#include <map>
#include <memory>

#include <fmt/core.h>
#include <libpq-fe.h>

#include "server/sql.h"

namespace server::sql {
namespace {

constexpr unsigned kInt8Oid = 20;
constexpr unsigned kByteaOid = 17;

struct ClearResult {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ClearResult>;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

// bytea in PostgreSQL's default text form: "\x" and two hex digits a byte.
std::string from_hex(const char* text, std::size_t size) {
  if (size < 2 || text[0] != '\\' || text[1] != 'x') return std::string(text, size);
  std::string out;
  out.reserve((size - 2) / 2);
  for (std::size_t i = 2; i + 1 < size; i += 2) {
    out += static_cast<char>(hex_value(text[i]) * 16 + hex_value(text[i + 1]));
  }
  return out;
}

std::string one_line(const char* message) {
  std::string out = message ? message : "unknown PostgreSQL error";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(PGconn* conn) : m_conn(conn) {}
  ~PgConnection() override { PQfinish(m_conn); }
  Engine engine() const override { return Engine::postgresql; }

  std::expected<Rows, std::string> query(std::string_view sql, const Params& params) override {
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size());
    std::vector<int> formats(params.size());
    std::vector<std::string> integers(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      switch (p.kind) {
        case Param::Kind::null: values[i] = nullptr; break;
        case Param::Kind::integer:
          integers[i] = std::to_string(p.integer);
          values[i] = integers[i].c_str();
          break;
        case Param::Kind::text: values[i] = p.text.c_str(); break;
        case Param::Kind::bytes:
          values[i] = p.text.data();
          lengths[i] = static_cast<int>(p.text.size());
          formats[i] = 1;
          break;
      }
    }
    auto name = prepared(sql, params);
    if (!name) return std::unexpected(name.error());
    Result r(PQexecPrepared(m_conn, name->c_str(), static_cast<int>(params.size()), values.data(),
                            lengths.data(), formats.data(), 0));
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      return std::unexpected(failure(r.get(), "run a database query"));
    }
    Rows rows;
    const int n = PQntuples(r.get());
    const int columns = PQnfields(r.get());
    for (int row = 0; row < n; ++row) {
      Rows::Row cells(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(r.get(), row, c)) continue;
        const char* text = PQgetvalue(r.get(), row, c);
        const auto size = static_cast<std::size_t>(PQgetlength(r.get(), row, c));
        cells[static_cast<std::size_t>(c)] =
            PQftype(r.get(), c) == kByteaOid ? from_hex(text, size) : std::string(text, size);
      }
      rows.add(std::move(cells));
    }
    return rows;
  }

  std::expected<void, std::string> script(std::string_view sql) override {
    Result r(PQexec(m_conn, translate(sql, Engine::postgresql).c_str()));
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return std::unexpected(failure(r.get(), "run a database script"));
    }
    return {};
  }
  std::expected<void, std::string> begin() override { return script("BEGIN"); }
  std::expected<void, std::string> commit() override { return script("COMMIT"); }
  void rollback() override { Result r(PQexec(m_conn, "ROLLBACK")); }
  std::expected<void, std::string> lock(std::string_view name) override {
    auto ok = query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", {std::string(name)});
    if (!ok) return std::unexpected(ok.error());
    return {};
  }

  std::expected<int, std::string> schema_version() override {
    auto exists = query("SELECT to_regclass('schema_version') IS NOT NULL", {});
    if (!exists) return std::unexpected(exists.error());
    if (exists->text(0, 0) != "t") return 0;
    auto rows = query("SELECT version FROM schema_version WHERE id = 1", {});
    if (!rows) return std::unexpected(rows.error());
    return rows->empty() ? 0 : static_cast<int>(rows->integer(0, 0));
  }
  std::expected<void, std::string> set_schema_version(int version) override {
    auto made = script(
        "CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "version INTEGER NOT NULL)");
    if (!made) return made;
    auto ok = query(
        "INSERT INTO schema_version (id, version) VALUES (1, ?) "
        "ON CONFLICT (id) DO UPDATE SET version = excluded.version",
        {version});
    if (!ok) return std::unexpected(ok.error());
    return {};
  }

 private:
  // The name of SQL prepared on this connection with the kinds of PARAMS' values.
  std::expected<std::string, std::string> prepared(std::string_view sql, const Params& params) {
    auto it = m_prepared.find(sql);
    if (it != m_prepared.end()) return it->second;
    std::vector<unsigned> types(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (params[i].kind == Param::Kind::integer) types[i] = kInt8Oid;
      if (params[i].kind == Param::Kind::bytes) types[i] = kByteaOid;
    }
    std::string name = fmt::format("s{}", m_prepared.size());
    Result r(PQprepare(m_conn, name.c_str(), translate(sql, Engine::postgresql).c_str(),
                       static_cast<int>(params.size()), types.data()));
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
      return std::unexpected(failure(r.get(), "prepare a database query"));
    }
    m_prepared.emplace(std::string(sql), name);
    return name;
  }

  std::string failure(const PGresult* r, std::string_view doing) const {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    return fmt::format("could not {}: PostgreSQL {}: {}", doing, state ? state : "error",
                       one_line(r ? PQresultErrorMessage(r) : PQerrorMessage(m_conn)));
  }

  PGconn* m_conn;
  std::map<std::string, std::string, std::less<>> m_prepared;
};

}  // namespace

std::expected<std::unique_ptr<Connection>, std::string> open_postgresql(const std::string& uri) {
  PGconn* conn = PQconnectdb(uri.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string why = one_line(conn ? PQerrorMessage(conn) : "out of memory");
    PQfinish(conn);
    return std::unexpected(fmt::format(
        "cannot connect to PostgreSQL: {}; check that the server runs, the database in --db "
        "exists and its user may log in",
        why));
  }
  auto out = std::make_unique<PgConnection>(conn);
  // Notices (e.g. "relation already exists, skipping") are not errors: keep them off stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  if (auto ok = out->script("SET client_encoding = 'UTF8'; SET synchronous_commit = on"); !ok) {
    return std::unexpected(ok.error());
  }
  return out;
}

}  // namespace server::sql
