#pragma once
// What a claim submission is and what storing it answered: shared by the store
// (server/database.h) and the batching writer (server/claim_writer.h).
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/money.h"

namespace server {

struct ClaimRecord {
  std::string idempotency_key;  // = claim_uuid
  std::string terminal_id;
  std::string status;  // received, reviewing, approved, paid, rejected
  std::optional<std::string> reason;
  std::string received_at;
  std::string updated_at;
  std::string centre;                 // the OU of the submitting terminal's certificate
  kiosk::core::Fen eligible_fen = 0;  // the server's estimate, summed over plans
  kiosk::core::Fen benefit_fen = 0;
};
enum class InsertResult { created, duplicate, conflict, refused };

struct SubmitOutcome {
  InsertResult result = InsertResult::refused;
  ClaimRecord record;   // the stored row (created, duplicate, conflict)
  std::string refusal;  // refused: the reason for the 422, naming fields, never personal data
  // created: where the kiosk's estimate differed from the server's (plans and amounts only).
  std::vector<std::string> estimate_differences;
};

// One claim as the API received it.
struct ClaimSubmission {
  std::string key;  // Idempotency-Key = claim_uuid
  std::string terminal_id;
  std::string centre;
  nlohmann::json claim;
  std::string member = {};  // the member's keyed hash: claims of one member are written in order
};

using ClaimAnswer = std::expected<SubmitOutcome, std::string>;

}  // namespace server
