#pragma once
// The POST /api/v1/claims body (deploy/api/schemas.json, ClaimRequest), built once when the
// claim is saved and then frozen in the outbox: every retry sends these exact bytes.
#include <string>

#include "kiosk/core/claim.h"

namespace kiosk::store {

// Compact JSON with keys in a fixed order. Holds personal data: keep it encrypted at rest.
std::string claim_request_body(const core::Claim& claim);

}  // namespace kiosk::store
