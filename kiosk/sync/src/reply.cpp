#include "kiosk/sync/reply.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "kiosk/api/claim_json.h"
#include "kiosk/api/lookup_json.h"

namespace kiosk::sync {
namespace {
using nlohmann::json;

// Server text shown to staff, and a refusal's reason shown to the person: at most
// kTidyCharacters characters (cut between characters, never inside one: the reason is mostly
// Chinese), invalid UTF-8 as U+FFFD, control characters as spaces.
constexpr std::size_t kTidyCharacters = 200;
std::string tidy(std::string_view text) {
  std::u32string characters = base::utf8_decode(text);
  if (characters.size() > kTidyCharacters) characters.resize(kTidyCharacters);
  for (char32_t& c : characters) {
    if (c < 0x20 || c == 0x7f) c = U' ';
  }
  return base::utf8_encode(characters);
}

std::optional<json> parse_object(std::string_view body) {
  json value = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_object()) return std::nullopt;
  return value;
}

bool is_json(const HttpReply& reply) {
  std::string type;
  for (char c : reply.content_type)
    type += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type.starts_with("application/json");
}

// The {code, message} envelope of our error replies.
std::optional<std::string> error_envelope(const HttpReply& reply) {
  if (!is_json(reply)) return std::nullopt;
  auto value = parse_object(reply.body);
  if (!value) return std::nullopt;
  auto code = value->find("code");
  auto message = value->find("message");
  if (code == value->end() || message == value->end() || !code->is_string() ||
      !message->is_string()) {
    return std::nullopt;
  }
  return fmt::format("{}: {}", tidy(code->get<std::string>()), tidy(message->get<std::string>()));
}

SyncError bad_reply(std::string_view what) {
  return {ErrorClass::captive_portal,
          fmt::format("the reply is not from the central server ({}); check the network for a "
                      "login page or proxy",
                      what),
          0};
}

template <typename T>
std::optional<T> field(const json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end()) return std::nullopt;
  if constexpr (std::is_same_v<T, std::string>) {
    if (!it->is_string()) return std::nullopt;
  } else {
    if (!it->is_number_integer()) return std::nullopt;
  }
  return it->get<T>();
}
}  // namespace

std::expected<void, SyncError> expect_envelope(const HttpReply& reply) {
  if (!is_json(reply)) {
    return std::unexpected(bad_reply(
        fmt::format("HTTP {} with content type '{}'", reply.status, tidy(reply.content_type))));
  }
  if (!parse_object(reply.body)) {
    return std::unexpected(
        bad_reply(fmt::format("HTTP {} whose body is not a JSON object", reply.status)));
  }
  return {};
}

SyncError error_from_reply(const HttpReply& reply) {
  const long s = reply.status;
  auto envelope = error_envelope(reply);
  if (s == 429) {
    // Only our front answers 429 (deploy/nginx: lookups per certificate, connections): the
    // request was fine, it was too soon. A claim waits for its next attempt, a lookup says
    // "busy, try again".
    return {ErrorClass::busy,
            fmt::format("the central server is busy and asks this kiosk to slow down (HTTP "
                        "429{}{}); it will be retried",
                        envelope ? ": " : "", envelope.value_or("")),
            s};
  }
  if (s >= 500 || s == 408) {
    return {ErrorClass::server,
            fmt::format("the central server answered HTTP {}{}{}; it will be retried", s,
                        envelope ? ": " : "", envelope.value_or("")),
            s};
  }
  if (s >= 400 && envelope) {
    const ErrorClass cls = (s == 401 || s == 403) ? ErrorClass::auth : ErrorClass::validation;
    return {cls, fmt::format("HTTP {}: {}", s, *envelope), s};
  }
  SyncError e = bad_reply(fmt::format("HTTP {}", s));
  e.http_status = s;
  return e;
}

ClaimOutcome classify_claim_reply(const HttpReply& reply, std::string_view claim_uuid) {
  ClaimOutcome out;
  if (reply.status == 201 || reply.status == 200) {
    if (auto ok = expect_envelope(reply); !ok) {
      out.error = ok.error();
      out.error.http_status = reply.status;
      return out;
    }
    auto record = parse_claim_record(reply.body);
    if (!record || record->claim_uuid != claim_uuid) {
      out.error = bad_reply(fmt::format("HTTP {} without this claim's record", reply.status));
      out.error.http_status = reply.status;
      return out;
    }
    out.kind = ClaimOutcome::Kind::acked;
    out.claim = std::move(*record);
    return out;
  }
  out.error = error_from_reply(reply);
  // 401: the server could not identify this kiosk (certificate missing or expired). Nothing
  // is wrong with the claim, so it waits for the certificate to be fixed instead of
  // quarantine.
  const bool final =
      (out.error.cls == ErrorClass::validation || out.error.cls == ErrorClass::auth) &&
      reply.status >= 400 && reply.status < 500 && reply.status != 401;
  out.kind = final ? ClaimOutcome::Kind::quarantined : ClaimOutcome::Kind::retry;
  return out;
}

std::expected<RemoteClaim, SyncError> parse_claim_record(std::string_view body) {
  auto value = parse_object(body);
  if (!value) return std::unexpected(bad_reply("a claim record that is not a JSON object"));
  auto claim = api::claim_record_from_json(*value);
  if (!claim)
    return std::unexpected(bad_reply(fmt::format("a claim record: {}", tidy(claim.error()))));
  if (claim->reason) claim->reason = tidy(*claim->reason);
  return std::move(*claim);
}

std::expected<LookupResult, SyncError> parse_lookup(std::string_view body) {
  auto value = parse_object(body);
  if (!value) return std::unexpected(bad_reply("a lookup reply that is not a JSON object"));
  auto lookup = api::lookup_from_json(*value);
  if (!lookup) {
    return std::unexpected(SyncError{
        ErrorClass::validation,
        fmt::format("the central server's member record is not usable: {}", tidy(lookup.error())),
        200});
  }
  return std::move(*lookup);
}

std::expected<RemoteConfig, SyncError> parse_config(std::string_view body) {
  auto value = parse_object(body);
  if (!value) return std::unexpected(bad_reply("a config that is not a JSON object"));
  auto version = field<std::string>(*value, "version");
  const bool shaped = version && value->contains("benefit_rules") &&
                      (*value)["benefit_rules"].is_object() && value->contains("notices") &&
                      (*value)["notices"].is_array() && value->contains("staff_pin_hashes") &&
                      (*value)["staff_pin_hashes"].is_array();
  if (!shaped) {
    return std::unexpected(SyncError{ErrorClass::validation,
                                     "the central config lacks version, benefit_rules, notices "
                                     "or staff_pin_hashes; the last good config stays in use",
                                     200});
  }
  return RemoteConfig{*version, std::string(body)};
}

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, 29 characters.
  if (text.size() != 29 || text[3] != ',' || text[4] != ' ' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  static constexpr std::array<std::string_view, 12> kMonths{
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto number = [&](std::size_t pos, std::size_t len) -> int {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const int day = number(5, 2), year = number(12, 4), hh = number(17, 2), mm = number(20, 2),
            ss = number(23, 2);
  if (text[7] != ' ' || text[11] != ' ' || text[16] != ' ' || text[19] != ':' || text[22] != ':') {
    return std::nullopt;
  }
  int month = 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (text.substr(8, 3) == kMonths[i]) month = static_cast<int>(i) + 1;
  }
  if (day < 1 || year < 1970 || month == 0 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 ||
      ss > 60) {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year},
                           std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd} + hours{hh} + minutes{mm} + seconds{ss};
}

}  // namespace kiosk::sync
