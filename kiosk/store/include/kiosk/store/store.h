#pragma once
// The terminal's local database: claims with their bills, the upload outbox, cached
// settlement records, a hash-chained append-only audit log, and settings. SQLite in WAL mode
// with synchronous=FULL: when save_claim returns, the claim survives a crash or power cut.
// Personal fields are encrypted (crypto.h). Thread-safe: one connection behind a mutex.
// It does not talk to the network and does not decide business rules.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/bill.h"
#include "kiosk/core/claim.h"
#include "kiosk/core/claim_line.h"
#include "kiosk/store/crypto.h"
#include "kiosk/store/error.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/time.h"

namespace kiosk::store {

enum class OnDamage {
  move_aside,  // the terminal: keep working on a new database, report where the old one went
  fail,        // tools such as `store check`: report the damage and change nothing
};

enum class Access {
  read_write,  // the terminal and tools that change the store: creates, migrates, checkpoints
  // Tools that only look (`store check`, `claims list`): the file must exist, be sound and
  // have the current schema; nothing is created, migrated or written, and the -wal beside
  // it is neither checkpointed nor deleted. Refused with a message otherwise.
  read_only,
};

struct StoreOptions {
  std::filesystem::path db_path;
  std::filesystem::path key_path;  // empty: db_path with ".key" appended
  // The key is created only for a database that holds no encrypted data yet.
  CreateKey create_key = CreateKey::if_missing;
  // An existing file that is not a sound database (empty, another kind of file, damaged) is
  // never written to: moved aside whole with its -wal (move_aside) or refused (fail).
  OnDamage on_damage = OnDamage::move_aside;
  Access access = Access::read_write;  // read_only ignores create_key and on_damage
};

// What open() found. A damaged database is never silently replaced: it is moved aside, a new
// one is created, and this report says where the old one went so the app can alert staff.
struct OpenReport {
  bool created = false;   // a new database was made (first run, or after moving one aside)
  int schema_before = 0;  // user_version found (0: new database)
  int schema_after = 0;
  std::optional<std::filesystem::path> moved_aside;
  std::string damage;  // what the integrity check said, without personal data
  // The highest claim sequence still readable in the damaged file; new claims continue above.
  std::int64_t sequence_floor = 0;
};

struct SavedClaim {
  std::int64_t sequence = 0;
  std::int64_t outbox_id = 0;
  std::string body_sha256;
};

// A claim as listed for staff and kioskctl: masked personal data only.
struct ClaimSummary {
  std::string uuid;
  std::int64_t sequence = 0;
  std::string created_at;  // RFC 3339, +08:00
  OutboxState state = OutboxState::pending;
  int attempts = 0;
  std::optional<std::string> server_claim_id;
  std::optional<core::ClaimStatus> server_status;
  std::string name_masked;
  std::string id_number_masked;
  std::string phone_masked;
  std::string bank_account_masked;
  int bill_count = 0;
  core::Fen bills_total_fen = 0;    // sum of the bills' totals
  core::Fen personal_paid_fen = 0;  // sum of cash + account paid
  core::Fen total_benefit_fen = 0;  // the estimate shown to the person
  bool purged = false;              // personal data removed after the retention period
};

struct StoredClaim {
  core::Claim claim;  // personal fields empty when purged
  ClaimSummary summary;
};

// `store check`: a sound store has no problems.
struct CheckReport {
  std::vector<std::string> problems;  // one line each, without personal data
  std::int64_t claims = 0;
  std::int64_t outbox_items = 0;
  std::int64_t audit_entries = 0;
  bool sound() const { return problems.empty(); }
};

class Store {
 public:
  static std::expected<Store, Error> open(const StoreOptions& options);
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const OpenReport& open_report() const;

  // Claim, bills, outbox row (with the request body built once here) and an audit entry in
  // one durable transaction. Assigns claim.sequence (and created_at when unset). Fails when
  // the uuid is not a UUIDv4 or is already stored: nothing is written then.
  std::expected<SavedClaim, Error> save_claim(core::Claim& claim, UnixTime now);
  std::expected<StoredClaim, Error> load_claim(std::string_view uuid);
  // Newest first; limit <= 0 means all.
  std::expected<std::vector<ClaimSummary>, Error> list_claims(int limit = 0);
  // Acked claims the server has not decided yet (status not paid or rejected), and rejected
  // ones whose reason was never recorded (from a version-4 store), with a sequence above
  // `after_sequence`, oldest first: the sync worker asks about them in turns, so every claim
  // is asked about however many there are.
  std::expected<std::vector<ClaimSummary>, Error> undecided_claims(std::int64_t after_sequence,
                                                                   int limit);
  // The claims made with this ID number (found by keyed hash), newest first.
  std::expected<std::vector<ClaimSummary>, Error> claims_of(std::string_view id_number);
  // The same claims as the person's own screens show them, newest first: number, date,
  // upload state, server status, estimated benefit, the settlement records claimed, and the
  // reason the server gave: for refusing to take a quarantined claim, or with its status
  // (why it was rejected). No personal data of the store's own.
  std::expected<std::vector<core::ClaimLine>, Error> claim_lines(std::string_view id_number);

  // What this person's claims still waiting to upload (pending, sending, retry_wait) used of
  // each plan and year, summed. The server's history does not know them yet: add both so an
  // offline second claim does not take the deductible twice.
  std::expected<std::vector<core::PlanHistory>, Error> unsynced_history(std::string_view id_number);

  // Removes the personal data (and the request body) of claims acked more than
  // retention_days ago; keeps masked values and amounts. Returns how many were purged.
  std::expected<int, Error> purge_synced_personal_data(int retention_days, UnixTime now);

  // Settlement records fetched for a person, kept encrypted for offline use.
  std::expected<void, Error> cache_settlements(std::string_view id_number,
                                               std::span<const core::Bill> bills, UnixTime now);
  // nullopt when nothing was cached or the cache is older than max_age.
  std::expected<std::optional<std::vector<core::Bill>>, Error> cached_settlements(
      std::string_view id_number, Millis max_age, UnixTime now);

  std::expected<std::optional<std::string>, Error> setting(std::string_view key);
  std::expected<void, Error> set_setting(std::string_view key, std::string_view value);

  // Appends to the hash-chained audit log. `detail` must not hold personal data.
  std::expected<void, Error> audit(std::string_view event, std::string_view detail, UnixTime now);

  // SQLite integrity, foreign keys, the audit hash chain, and every stored body and personal
  // value decrypting to what was saved.
  std::expected<CheckReport, Error> check();

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
  friend class Outbox;
  friend class StaffPin;
};

// Now on the system clock, to the millisecond.
UnixTime now();

}  // namespace kiosk::store
