#pragma once
// A mutual-aid claim (职工医疗互助金申报) as the person submits it at the terminal.
// The uuid is made when the claim is drafted and never changes: the server deduplicates on
// it. The store saves a claim with its outbox row in one transaction; the printer prints
// its receipt only after that. Plain values; personal fields are Secrets.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/bill.h"
#include "kiosk/core/date.h"
#include "kiosk/core/estimate.h"
#include "kiosk/core/member.h"
#include "kiosk/core/secret.h"

namespace kiosk::core {

// Where a claim stands at the central server (the ClaimRecord's status). Only the server
// moves it; the terminal learns it from the ack and from GET /api/v1/claims/{id}.
enum class ClaimStatus { received, reviewing, approved, paid, rejected };
// Where a claim stands in this terminal's upload queue (the store's outbox):
//   pending -> sending -> acked | retry_wait | quarantined. "acked": the server holds it and
// its ClaimStatus says the rest.
enum class UploadState { pending, sending, acked, retry_wait, quarantined };

// What became of one upload attempt: the sync client decides it from the reply, the store
// records it on the outbox item.
enum class UploadOutcome {
  acked,        // the server holds the claim: sending -> acked
  retry,        // try again later (network, server, clock, auth): sending -> retry_wait
  quarantined,  // refused for good; staff must look: sending -> quarantined
  not_sent,     // the request never left: sending -> as before, the attempt uncounted
};

// The names used in JSON, SQL and kioskctl output: "received", ...; "pending", "retry_wait", ...
std::string_view to_string(ClaimStatus status);
std::optional<ClaimStatus> parse_claim_status(std::string_view text);
std::string_view to_string(UploadState state);
std::optional<UploadState> parse_upload_state(std::string_view text);
// paid and rejected: the server will not change its mind, so nobody needs to ask again.
bool is_decided(ClaimStatus status);

// The commitment (承诺书) the person accepted by signing on the screen.
struct Commitment {
  std::string text_version;      // version of the commitment text shown, e.g. "2024-01"
  std::string signature_sha256;  // lowercase hex SHA-256 of the signature image (PNG bytes)
  WallTime accepted_at{};
};

struct Claim {
  std::string uuid;           // UUIDv4, lowercase, made when the claim is drafted
  std::string terminal_id;    // this kiosk's id, e.g. "GH-0001"
  std::int64_t sequence = 0;  // monotonic per terminal; the store assigns it when saving
  WallTime created_at{};      // the terminal's clock when the claim was saved
  Member member;              // id_number, name and phone are sent with the claim
  Secret bank_account;        // where the benefit is paid (bank card number)
  std::vector<Bill> bills;    // the chosen settlement records
  Estimate estimate;          // per-plan estimate shown to the person when they submitted
  Commitment commitment;

  void wipe() noexcept {
    member.wipe();
    bank_account.wipe();
  }
};

// The first 8 characters of the uuid in upper case, printed on the receipt: "3F2A9C1B".
std::string short_id(std::string_view uuid);

// A UUIDv4 from 16 random bytes (the caller supplies them: core does no I/O).
std::string make_uuid_v4(std::span<const std::uint8_t, 16> random);
// 8-4-4-4-12 lowercase hex, version 4, RFC 4122 variant.
bool is_uuid_v4(std::string_view text);

}  // namespace kiosk::core
