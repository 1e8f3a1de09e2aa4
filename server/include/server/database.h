#pragma once
// kiosk-central's SQLite store: claims keyed by their Idempotency-Key, members with plan
// enrolments and settlement records, the published kiosk config, the last heartbeat of each
// terminal. One connection behind a mutex: the HTTP threads share it.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

struct sqlite3;

namespace server {

struct ClaimRecord {
  std::string idempotency_key;  // = claim_uuid
  std::string terminal_id;
  std::string status;           // received, reviewing, approved, paid, rejected
  std::optional<std::string> reason;
  std::string received_at;
  std::string updated_at;
};
nlohmann::json to_json(const ClaimRecord& record);  // the ClaimRecord schema

enum class InsertResult { created, duplicate, conflict };

struct ConfigDocument {
  std::string etag;  // quoted, as sent in the header
  std::string body;  // the Config schema, serialised
};

class Statement;

class Database {
 public:
  static std::expected<std::unique_ptr<Database>, std::string> open(
      const std::filesystem::path& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Stores the claim unless the key exists. `canonical_body` is compared on a repeat:
  // the same text is a duplicate, different text a conflict. `record` is the stored row.
  std::expected<InsertResult, std::string> insert_claim(const std::string& key,
                                                         const std::string& terminal_id,
                                                         const std::string& canonical_body,
                                                         ClaimRecord& record);
  std::expected<std::optional<ClaimRecord>, std::string> find_claim(const std::string& key);
  std::expected<std::vector<ClaimRecord>, std::string> list_claims();
  // Moves a claim along received -> reviewing -> approved -> paid, or to rejected (which
  // needs a reason). The error says which move is allowed.
  std::expected<ClaimRecord, std::string> set_status(const std::string& key,
                                                     const std::string& status,
                                                     const std::optional<std::string>& reason);

  // The LookupResponse schema for one member, or nullopt when the number is unknown.
  std::expected<std::optional<nlohmann::json>, std::string> lookup_member(
      const std::string& id_number);
  std::expected<void, std::string> put_member(const nlohmann::json& lookup_response);

  std::expected<ConfigDocument, std::string> config();
  std::expected<void, std::string> put_config(const nlohmann::json& config);

  std::expected<void, std::string> put_heartbeat(const std::string& terminal_id,
                                                 const std::string& body);

 private:
  explicit Database(sqlite3* db);
  std::expected<void, std::string> exec(const char* sql);
  std::mutex m_mutex;
  sqlite3* m_db;
  // The claim insert runs for every upload: prepared once, not per request.
  std::unique_ptr<Statement> m_insert_claim;
};

// "2026-11-28T10:15:30+08:00": the server keeps China Standard Time in its records.
std::string now_rfc3339();

}  // namespace server
