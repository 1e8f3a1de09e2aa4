#pragma once
// The claim shapes of the API contract (deploy/api/schemas.json): ClaimRequest, what the
// terminal posts, and ClaimRecord, where the server says a claim stands.
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "kiosk/core/claim.h"
#include "kiosk/core/date.h"

namespace kiosk::api {

// The body of POST /api/v1/claims: compact, keys in the contract's order, built the same byte
// for byte every time (a retry must send what was first sent). It holds personal data.
// Invalid UTF-8 from a device is replaced rather than thrown: the body always exists.
std::string claim_request_body(const core::Claim& claim);

// The ClaimRecord schema: where a claim stands on the server.
struct ClaimRecord {
  std::string claim_uuid;
  std::string terminal_id;
  core::ClaimStatus status = core::ClaimStatus::received;
  std::optional<std::string> reason;          // why it was rejected, or a note from staff
  std::optional<core::WallTime> received_at;  // absent from replies of older servers
  std::optional<core::WallTime> updated_at;
};

nlohmann::ordered_json claim_record_to_json(const ClaimRecord& record);
// claim_uuid, terminal_id and a known status are required; reason may be null or absent.
std::expected<ClaimRecord, std::string> claim_record_from_json(const nlohmann::json& value);

}  // namespace kiosk::api
