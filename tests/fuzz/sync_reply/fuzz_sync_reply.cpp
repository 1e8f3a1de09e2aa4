// Feeds arbitrary bytes to every reader of the central server's replies. The first byte picks
// the HTTP status and content type; the rest is the body (and, for the date reader, the header).
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/utf8.h"
#include "kiosk/sync/reply.h"

namespace {
// A reason the person will read: whole characters (it encodes back to itself), at most 200,
// no control character.
void check_reason(const std::optional<std::string>& reason) {
  if (!reason) return;
  const std::u32string characters = base::utf8_decode(*reason);
  if (base::utf8_encode(characters) != *reason || characters.size() > 200) __builtin_trap();
  for (char32_t c : characters) {
    if (c < 0x20 || c == 0x7f) __builtin_trap();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr long kStatuses[] = {200, 201, 202, 204, 301, 304, 400, 401, 403,
                                       404, 408, 409, 413, 422, 429, 500, 502, 503};
  static constexpr const char* kTypes[] = {"application/json", "text/html",
                                           "application/json; charset=utf-8", ""};
  const std::uint8_t selector = data[0];
  const std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  kiosk::sync::HttpReply reply;
  reply.status = kStatuses[selector % (sizeof kStatuses / sizeof kStatuses[0])];
  reply.content_type = kTypes[(selector >> 5) % 4];
  reply.body = body;

  const auto outcome =
      kiosk::sync::classify_claim_reply(reply, "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b");
  if (outcome.kind == kiosk::sync::ClaimOutcome::Kind::acked && !outcome.claim) __builtin_trap();
  (void)kiosk::sync::error_from_reply(reply);
  (void)kiosk::sync::expect_envelope(reply);
  if (outcome.claim) check_reason(outcome.claim->reason);
  if (auto record = kiosk::sync::parse_claim_record(body)) check_reason(record->reason);
  if (auto lookup = kiosk::sync::parse_lookup(body)) lookup->member.wipe();
  (void)kiosk::sync::parse_config(body);
  (void)kiosk::sync::parse_http_date(body);
  return 0;
}
