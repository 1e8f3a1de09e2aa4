#pragma once
// kiosk-central's store: claims keyed by their Idempotency-Key with the server's own
// estimate of each, members with plan enrolments and settlement records, the published kiosk
// config and staff PINs, the access log of member lookups, the last heartbeat of each
// terminal. On SQLite (one file, one connection) or PostgreSQL (a pool of connections, and
// several kiosk-central processes on one database) through server/sql.h, with the same
// versioned migrations. Idempotency is the database's: the key is unique, and the check of a
// claim and its insert-or-read run in one transaction that holds the member's lock.
//
// At rest: an SQLite file and its -wal/-shm are 0600; ID, name, phone and bank numbers (the
// claim bodies, the member records) and staff PINs are sealed with XChaCha20-Poly1305 under a
// key file (`<db>.key` beside an SQLite file; --key for PostgreSQL; 0600, made when a new
// database is made); members are found by a keyed BLAKE2b hash of the ID number. kiosk/store's
// Cipher does both. A database of the first, plain layout (version 1) is migrated on open.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/estimate.h"
#include "kiosk/core/secret.h"

#include "kiosk/core/rules.h"
#include "server/claim_types.h"
#include "server/claim_writer.h"
#include "server/sql.h"

namespace kiosk::store {
class Cipher;
}

namespace server {

nlohmann::json to_json(const ClaimRecord& record);  // the ClaimRecord schema

// Which claims an operator asks for; empty fields match everything. Dates are YYYY-MM-DD in
// China Standard Time and include the whole day.
struct ClaimFilter {
  std::string centre = {};
  std::string terminal_id = {};
  std::string status = {};
  std::string from_date = {};
  std::string to_date = {};
};

// One terminal in the fleet view: its last heartbeat as received.
struct FleetEntry {
  std::string terminal_id;
  std::string centre;
  std::string received_at;
  nlohmann::json heartbeat;  // the Heartbeat schema
};

// on: claims that arrive together are checked and written in one transaction, one commit
// for several acknowledgements (server/claim_writer.h). off: a transaction per claim.
enum class GroupCommit { off, on };

struct StorageOptions {
  std::string db;                  // sqlite:PATH, a path, or postgresql://...
  std::filesystem::path key_file;  // empty: <path>.key beside an SQLite file
  std::size_t connections = 8;     // PostgreSQL only
  GroupCommit group_commit = GroupCommit::on;
  std::size_t max_batch = 64;  // claims in one transaction at most
};

struct ConfigDocument {
  std::string etag;  // quoted, as sent in the header; differs per terminal
  std::string body;  // the Config schema, serialised
};

struct StaffPin {
  std::string staff_id;
  kiosk::core::Secret pin;
};

struct AccessRecord {
  std::string terminal_id;
  std::string at;       // RFC 3339, China Standard Time
  std::string id_hash;  // keyed hash of the ID number asked for, never the number
  bool found = false;
};

class Database {
 public:
  // An SQLite file with the key file `<path>.key`. The error names the file and what to do.
  static std::expected<std::unique_ptr<Database>, std::string> open(
      const std::filesystem::path& path);
  static std::expected<std::unique_ptr<Database>, std::string> open(const StorageOptions& options);
  sql::Engine engine() const { return m_pool->engine(); }
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Checks a claim against the server's records (server/claims.h) and stores it with the
  // server's estimate, unless the key exists: then the same body from the same terminal is a
  // duplicate, anything else a conflict. Check and insert run in one transaction holding the
  // member's lock, so two claims of one member never both spend the same cap, in this
  // process or another one on the same database.
  std::expected<SubmitOutcome, std::string> submit_claim(const std::string& key,
                                                         const std::string& terminal_id,
                                                         const nlohmann::json& claim,
                                                         const std::string& centre = "");
  // Several claims in one transaction, each in its own savepoint: a claim that is refused, or
  // whose writing fails, leaves the others stored. One answer per claim, in order, all given
  // after the commit; when the transaction cannot commit, every answer is that error. The
  // members' locks are taken in one order (sorted) before any claim is written, so two
  // batches on two kiosk-central processes never wait for each other in a circle.
  std::vector<ClaimAnswer> submit_claims(const std::vector<ClaimSubmission>& batch);
  // What group commit achieved so far (zeros when it is off).
  BatchStats batch_stats() const;
  std::expected<std::optional<ClaimRecord>, std::string> find_claim(const std::string& key);
  // In the order received.
  std::expected<std::vector<ClaimRecord>, std::string> list_claims(const ClaimFilter& filter = {});
  // Moves a claim along received -> reviewing -> approved -> paid, or to rejected (which
  // needs a reason). The error says which move is allowed.
  std::expected<ClaimRecord, std::string> set_status(const std::string& key,
                                                     const std::string& status,
                                                     const std::optional<std::string>& reason);

  // The LookupResponse schema for one member, or nullopt when the number is unknown. Every
  // call is written to the access log with the asking terminal.
  std::expected<std::optional<nlohmann::json>, std::string> lookup_member(
      const std::string& id_number, const std::string& terminal_id);
  std::expected<void, std::string> put_member(const nlohmann::json& lookup_response);
  std::expected<std::vector<AccessRecord>, std::string> access_log();

  // The Config for one terminal: the published document with staff_pin_hashes made for this
  // terminal (its own salts), hashed once per terminal and staff member and then cached.
  std::expected<ConfigDocument, std::string> config(const std::string& terminal_id);
  // The published document without any staff PIN hash, for callers that do not say which
  // terminal asks.
  std::expected<ConfigDocument, std::string> config();
  // `config` is the Config schema; its staff_pin_hashes are ignored (the server makes them
  // from `pins`, which replace the stored PINs).
  std::expected<void, std::string> put_config(const nlohmann::json& config,
                                              const std::vector<StaffPin>& pins);

  std::expected<void, std::string> put_heartbeat(const std::string& terminal_id,
                                                 const std::string& body,
                                                 const std::string& centre = "");
  // The last heartbeat of each terminal (of one centre when `centre` is not empty).
  std::expected<std::vector<FleetEntry>, std::string> fleet(const std::string& centre = "");

  // A printed statement (the StatementRegistration schema, checked) under its number: created,
  // or duplicate when the same terminal registered the same content, else conflict. `record`
  // is the StatementRecord as GET /api/v1/statements/{number} answers it.
  struct StatementOutcome {
    InsertResult result = InsertResult::created;
    nlohmann::json record;
  };
  std::expected<StatementOutcome, std::string> register_statement(
      const std::string& terminal_id, const std::string& centre,
      const nlohmann::json& registration);
  std::expected<std::optional<nlohmann::json>, std::string> find_statement(
      const std::string& number);

  // The demo's settlement records of kiosk/store's demo claims (server/demo_data.h) count as
  // this server's records from now on. Set by load_demo_data.
  std::expected<void, std::string> enable_demo_settlements();

 private:
  Database(std::unique_ptr<sql::Pool> pool, std::unique_ptr<kiosk::store::Cipher> cipher);
  std::expected<void, std::string> migrate(sql::Connection& conn, int version);
  std::expected<void, std::string> migrate_from_plain(sql::Connection& conn);
  std::expected<std::optional<nlohmann::json>, std::string> member_record(
      sql::Connection& conn, const std::string& id_hash);
  std::expected<std::vector<kiosk::core::PlanHistory>, std::string> history(
      sql::Connection& conn, const std::string& id_hash);
  std::expected<std::string, std::string> config_body(sql::Connection& conn);
  // The published rules, parsed again only when the published config changed.
  std::expected<kiosk::core::Rules, std::string> rules(sql::Connection& conn);
  // Whether submit_in takes the member's lock itself or the caller already holds it.
  enum class MemberLock { take, held };
  std::expected<void, std::string> submit_in(sql::Connection& conn, const ClaimSubmission& claim,
                                             MemberLock lock, SubmitOutcome& out);
  std::string member_hash(const nlohmann::json& claim) const;
  std::unique_ptr<sql::Pool> m_pool;
  // One PIN hash at a time: each takes 256 MiB, and many terminals may pull at once.
  std::mutex m_hash_mutex;
  std::unique_ptr<kiosk::store::Cipher> m_cipher;
  bool m_demo_settlements = false;
  std::mutex m_rules_mutex;
  std::string m_rules_body;
  std::optional<std::expected<kiosk::core::Rules, std::string>> m_rules;
  // Last: its thread writes through everything above and is stopped first.
  std::unique_ptr<ClaimWriter> m_writer;
};

// "2026-11-28T10:15:30+08:00": the server keeps China Standard Time in its records.
std::string now_rfc3339();

}  // namespace server
