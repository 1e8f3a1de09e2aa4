// The v1 routes on top of Client::get/post (deploy/api/openapi.yaml).
#include <fmt/core.h>

#include "kiosk/sync/client.h"

namespace kiosk::sync {
namespace {
std::expected<HttpReply, SyncError> ok_reply(std::expected<HttpReply, SyncError> reply) {
  if (!reply) return reply;
  if (reply->status < 200 || reply->status > 299) {
    return std::unexpected(error_from_reply(*reply));
  }
  if (auto ok = expect_envelope(*reply); !ok) return std::unexpected(ok.error());
  return reply;
}
}  // namespace

ClaimOutcome Client::submit_claim(const std::string& uuid, const std::string& body) {
  auto reply = post("/api/v1/claims", body, {"Idempotency-Key: " + uuid});
  if (!reply) {
    ClaimOutcome out;
    out.kind = ClaimOutcome::Kind::retry;
    out.error = reply.error();
    return out;
  }
  return classify_claim_reply(*reply, uuid);
}

std::expected<void, SyncError> Client::health() {
  auto reply = ok_reply(get("/api/v1/health"));
  if (!reply) return std::unexpected(reply.error());
  return {};
}

std::expected<RemoteClaim, SyncError> Client::claim_status(const std::string& uuid) {
  auto reply = ok_reply(get("/api/v1/claims/" + uuid));
  if (!reply) return std::unexpected(reply.error());
  auto claim = parse_claim_record(reply->body);
  if (claim && claim->claim_uuid != uuid) {
    return std::unexpected(SyncError{ErrorClass::captive_portal,
                                     "the status reply is about another claim", reply->status});
  }
  return claim;
}

std::expected<ConfigReply, SyncError> Client::config(const std::string& etag) {
  std::vector<std::string> headers;
  if (!etag.empty()) headers.push_back("If-None-Match: " + etag);
  auto raw = get("/api/v1/config", headers);
  if (!raw) return std::unexpected(raw.error());
  ConfigReply out;
  if (raw->status == 304) {
    out.not_modified = true;
    out.etag = etag;
    return out;
  }
  auto reply = ok_reply(std::move(raw));
  if (!reply) return std::unexpected(reply.error());
  auto config = parse_config(reply->body);
  if (!config) return std::unexpected(config.error());
  out.etag = reply->etag;
  out.config = std::move(*config);
  return out;
}

std::expected<void, SyncError> Client::heartbeat(const std::string& body) {
  auto reply = ok_reply(post("/api/v1/heartbeat", body));
  if (!reply) return std::unexpected(reply.error());
  return {};
}

std::expected<LookupResult, SyncError> Client::lookup(const std::string& id_number) {
  const std::string body = fmt::format(R"({{"id_number":"{}"}})", id_number);
  for (char c : id_number) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      return std::unexpected(SyncError{ErrorClass::validation,
                                       "an ID number has only digits and capital letters", 0});
    }
  }
  auto reply = ok_reply(post("/api/v1/members/lookup", body));
  if (!reply) return std::unexpected(reply.error());
  return parse_lookup(reply->body);
}

}  // namespace kiosk::sync
