#pragma once
// The upload queue: one row per saved claim, written in the same transaction as the claim.
// The sync worker takes due items oldest first, marks each `sending` (counting the attempt and
// freezing the body) BEFORE the request, and records the outcome. Items that are not due yet
// or are quarantined never block the others. Thread-safe: every call locks the store.
//
//   pending --mark_sending--> sending --mark_acked-------> acked
//      ^                         |----mark_retry-------> retry_wait --mark_sending--> sending
//      |                         '----mark_quarantined-> quarantined
//      '--------------------------------requeue (staff)------'
//   At start-up, reset_sending_at_start() turns `sending` (interrupted) into `retry_wait`.
//   A `sending` item whose request never left (the link failed first) goes back, uncounted.
// The worker moves a window of items at a time: one durable transaction marks them all
// `sending` before any request, one records all their outcomes after. A crash in between
// leaves them `sending`, so they are sent again and the server deduplicates them.
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/claim.h"
#include "kiosk/core/error_class.h"
#include "kiosk/store/error.h"
#include "kiosk/store/time.h"

namespace kiosk::store {

class Store;

// The claim's place in the upload queue (core::UploadState; names via core::to_string).
using OutboxState = core::UploadState;

struct OutboxItem {
  std::int64_t id = 0;
  std::string claim_uuid;   // also the Idempotency-Key
  std::string body;         // the frozen request JSON (decrypted; holds personal data)
  std::string body_sha256;  // lowercase hex SHA-256 of body, fixed when the claim was saved
  int attempts = 0;         // sends attempted so far (counted before each request)
  OutboxState state = OutboxState::pending;
  UnixTime created{};
  UnixTime next_attempt{};
  bool frozen = false;  // true once a send was attempted; the body can no longer change
  std::optional<core::ErrorClass> last_error_class;  // none after a success
  std::string last_error_message;                    // the last error or the server's reason
};

struct OutboxCounts {
  std::int64_t pending = 0;
  std::int64_t sending = 0;
  std::int64_t acked = 0;
  std::int64_t retry_wait = 0;
  std::int64_t quarantined = 0;
  // Age of the oldest item not yet acked or quarantined; nullopt when there is none.
  std::optional<Millis> oldest_pending_age;
  std::optional<UnixTime> last_acked;                // when the latest ack was recorded
  std::optional<core::ErrorClass> last_error_class;  // of the most recently failed item
};

// What became of one item of a window, for record().
struct SendOutcome {
  // acked: with the server's claim id and status; retry: until next_attempt, with the error;
  // quarantined: with the server's reason; not_sent: back as before, the attempt uncounted.
  using Kind = core::UploadOutcome;
  std::int64_t id = 0;
  Kind kind = Kind::acked;
  std::string server_claim_id;                                    // acked
  core::ClaimStatus server_status = core::ClaimStatus::received;  // acked
  std::optional<std::string> server_reason;  // acked: what the server said with the status
  UnixTime next_attempt{};                   // retry
  core::ErrorClass error_class = core::ErrorClass::network;  // retry, quarantined
  std::string message;  // retry: the error; quarantined: the server's reason
};

class Outbox {
 public:
  explicit Outbox(Store& store) : m_store(&store) {}

  // Pending and retry_wait items whose next attempt is at or before now, oldest first, without
  // their bodies: mark_sending returns those, decrypted and checked, once they are needed.
  std::expected<std::vector<OutboxItem>, Error> due(UnixTime now, int limit);
  // pending/retry_wait -> sending: attempts + 1, body frozen. Returns the item with the body
  // to send, byte for byte the one fixed when the claim was saved.
  std::expected<OutboxItem, Error> mark_sending(std::int64_t id, UnixTime now);
  // The same for a window, in one transaction. Items no longer pending or retry_wait are left
  // out. An item whose stored body cannot be read back intact is quarantined (class
  // ErrorClass::damaged) and left out, so it never blocks the others.
  std::expected<std::vector<OutboxItem>, Error> mark_sending(std::span<const std::int64_t> ids,
                                                             UnixTime now);
  // The outcomes of a window in one transaction; every item must be `sending`, or nothing is
  // recorded (the items stay `sending` and are sent again after a restart).
  std::expected<void, Error> record(std::span<const SendOutcome> outcomes, UnixTime now);
  // sending -> acked; records the server's claim id and status on the claim.
  std::expected<void, Error> mark_acked(std::int64_t id, std::string_view server_claim_id,
                                        core::ClaimStatus server_status, UnixTime now);
  // sending -> retry_wait until next_attempt.
  std::expected<void, Error> mark_retry(std::int64_t id, UnixTime next_attempt,
                                        core::ErrorClass error_class, std::string_view message,
                                        UnixTime now);
  // sending -> quarantined: the server refused the claim for good; staff must look at it.
  std::expected<void, Error> mark_quarantined(std::int64_t id, core::ErrorClass error_class,
                                              std::string_view server_reason, UnixTime now);
  // quarantined -> pending, due now (staff decided to send it again, same frozen body).
  std::expected<void, Error> requeue(std::int64_t id, UnixTime now);
  // Every `sending` item was interrupted by a stop or crash: -> retry_wait, due now.
  std::expected<int, Error> reset_sending_at_start(UnixTime now);
  std::expected<OutboxCounts, Error> counts(UnixTime now);
  // For the staff screen: items in a state (all states when nullopt), oldest first, without
  // their bodies.
  std::expected<std::vector<OutboxItem>, Error> items(std::optional<OutboxState> state, int limit);
  // A later status from the server (GET /api/v1/claims/{id}): received, reviewing, ...,
  // with what the server said with it (why it was rejected), kept encrypted: staff write it
  // and may name the person. The person reads it on the progress screen (claim_lines).
  std::expected<void, Error> set_server_status(std::string_view claim_uuid,
                                               core::ClaimStatus server_status,
                                               std::optional<std::string_view> server_reason,
                                               UnixTime now);

 private:
  Store* m_store;
};

}  // namespace kiosk::store
