#include "kiosk/api/claim_json.h"

#include "fields.h"
#include "kiosk/api/bill_json.h"
#include "kiosk/api/estimate_json.h"

namespace kiosk::api {
using detail::Presence;
namespace {
// core::parse_rfc3339 yields a nanosecond time_point, which overflows outside about 1678 to
// 2262 (found by the fuzzer: "1013-11-28T..."). A server's time is read only from 1970 to 2200.
bool plausible_year(std::string_view text) {
  if (text.size() < 4) return false;
  int year = 0;
  for (char c : text.substr(0, 4)) {
    if (c < '0' || c > '9') return false;
    year = year * 10 + (c - '0');
  }
  return year >= 1970 && year <= 2200;
}
}  // namespace

std::string claim_request_body(const core::Claim& claim) {
  using nlohmann::ordered_json;
  ordered_json bills = ordered_json::array();
  for (const core::Bill& bill : claim.bills) bills.push_back(bill_to_json(bill));
  const ordered_json body = {
      {"claim_uuid", claim.uuid},
      {"terminal_id", claim.terminal_id},
      {"sequence", claim.sequence},
      {"created_at", core::format_rfc3339_cst(claim.created_at)},
      {"member",
       {{"id_number", claim.member.id_number.reveal()},
        {"name", claim.member.name.reveal()},
        {"phone", claim.member.phone.reveal()}}},
      {"bank_account", claim.bank_account.reveal()},
      {"bills", std::move(bills)},
      {"estimate", estimate_to_json(claim.estimate, EstimateFields::contract)},
      {"commitment",
       {{"text_version", claim.commitment.text_version},
        {"signature_sha256", claim.commitment.signature_sha256},
        {"accepted_at", core::format_rfc3339_cst(claim.commitment.accepted_at)}}},
  };
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::ordered_json claim_record_to_json(const ClaimRecord& record) {
  auto time = [](const std::optional<core::WallTime>& t) {
    return t ? nlohmann::ordered_json(core::format_rfc3339_cst(*t)) : nlohmann::ordered_json();
  };
  return {
      {"claim_uuid", record.claim_uuid},
      {"terminal_id", record.terminal_id},
      {"status", core::to_string(record.status)},
      {"reason", record.reason ? nlohmann::ordered_json(*record.reason) : nlohmann::ordered_json()},
      {"received_at", time(record.received_at)},
      {"updated_at", time(record.updated_at)}};
}

std::expected<ClaimRecord, std::string> claim_record_from_json(const nlohmann::json& value) {
  if (!value.is_object()) return std::unexpected(std::string("the claim record is not an object"));
  ClaimRecord record;
  auto uuid = detail::text(value, "claim_uuid", Presence::required);
  if (!uuid) return std::unexpected(uuid.error());
  record.claim_uuid = **uuid;
  auto terminal = detail::text(value, "terminal_id", Presence::required);
  if (!terminal) return std::unexpected(terminal.error());
  record.terminal_id = **terminal;
  auto status_text = detail::text(value, "status", Presence::required);
  if (!status_text) return std::unexpected(status_text.error());
  auto status = core::parse_claim_status(**status_text);
  if (!status) return std::unexpected(std::string("status is not one the contract knows"));
  record.status = *status;
  // The person reads the reason on the progress screen: one of another type is refused, not
  // dropped, so a server that sends it wrong is noticed instead of looking reasonless.
  if (auto reason = value.find("reason"); reason != value.end() && !reason->is_null()) {
    if (!reason->is_string()) return std::unexpected(std::string("reason must be text or null"));
    record.reason = reason->get<std::string>();
  }
  for (auto [key, field] : {std::pair{"received_at", &record.received_at},
                            std::pair{"updated_at", &record.updated_at}}) {
    auto text = detail::text(value, key, Presence::optional);
    // Informative only: a bad time does not void the record.
    if (!text || !*text || !plausible_year(**text)) continue;
    if (auto time = core::parse_rfc3339(**text)) *field = *time;
  }
  return record;
}

}  // namespace kiosk::api
