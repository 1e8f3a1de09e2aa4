#pragma once
// Reading the central server's replies: outside bytes, so every function here accepts any
// input and returns a value or a SyncError (never throws). The shapes are read by kiosk_api's
// codecs; pure, so the fuzz build can test it (tests/fuzz/sync_reply).
#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/api/claim_json.h"
#include "kiosk/api/lookup_json.h"
#include "kiosk/core/claim.h"
#include "kiosk/sync/error.h"

namespace kiosk::sync {

struct HttpReply {
  long status = 0;
  std::string content_type;
  std::string body;
  std::string etag;
  std::string date;  // the Date header as sent
};

// The ClaimRecord schema: where a claim stands on the server (kiosk/api/claim_json.h).
using RemoteClaim = api::ClaimRecord;

// What to do with an outbox item after POST /api/v1/claims.
struct ClaimOutcome {
  // The one outcome kind the store records (core::UploadOutcome). not_sent: the request never
  // left, because an earlier one in the same window failed.
  using Kind = core::UploadOutcome;
  Kind kind = Kind::retry;
  SyncError error;  // quarantine/retry: the class and the reason (the server's, when it gave one)
  std::optional<RemoteClaim> claim;  // acked: the server's record
};

// 201, or 200 whose ClaimRecord echoes claim_uuid: acked. A 4xx carrying our error envelope:
// quarantine with the server's message (except 401, this kiosk not identified: retry as auth;
// 408/429: retry as server). 5xx: retry (server). Anything
// else, a 2xx without our envelope included: retry (captive_portal).
ClaimOutcome classify_claim_reply(const HttpReply& reply, std::string_view claim_uuid);

// A non-2xx reply as a SyncError with the server's {code, message} when present.
SyncError error_from_reply(const HttpReply& reply);

// Checks that a 2xx is ours: application/json and a JSON object. captive_portal otherwise.
std::expected<void, SyncError> expect_envelope(const HttpReply& reply);

std::expected<RemoteClaim, SyncError> parse_claim_record(std::string_view body);

// The LookupResponse schema (kiosk/api/lookup_json.h): member, bills and history.
using LookupResult = api::LookupReply;
std::expected<LookupResult, SyncError> parse_lookup(std::string_view body);

// The Config schema; the body is kept as text for the app to read.
struct RemoteConfig {
  std::string version;
  std::string body;
};
std::expected<RemoteConfig, SyncError> parse_config(std::string_view body);

// "Sun, 06 Nov 1994 08:49:37 GMT" (IMF-fixdate, RFC 9110). nullopt for anything else.
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text);

}  // namespace kiosk::sync
