#include <catch2/catch.hpp>

#include "kiosk/sync/reply.h"

using namespace kiosk::sync;
using Kind = ClaimOutcome::Kind;

namespace {
constexpr const char* kUuid = "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b";
const std::string kRecord =
    R"({"claim_uuid":"3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b","terminal_id":"DEMO-0001",)"
    R"("status":"received","reason":null,"received_at":"x","updated_at":"x"})";

HttpReply reply(long status, std::string body, std::string type = "application/json") {
  return {status, std::move(type), std::move(body), "", ""};
}
}  // namespace

TEST_CASE("201, or 200 echoing our claim, is acked") {
  for (long status : {201L, 200L}) {
    auto out = classify_claim_reply(reply(status, kRecord), kUuid);
    CHECK(out.kind == Kind::acked);
    REQUIRE(out.claim);
    CHECK(out.claim->status == kiosk::core::ClaimStatus::received);
  }
  auto charset =
      classify_claim_reply(reply(201, kRecord, "application/json; charset=utf-8"), kUuid);
  CHECK(charset.kind == Kind::acked);
}

TEST_CASE("a 2xx that is not our envelope is a captive portal, retried") {
  auto html = classify_claim_reply(reply(200, "<html>Wi-Fi login</html>", "text/html"), kUuid);
  CHECK(html.kind == Kind::retry);
  CHECK(html.error.cls == ErrorClass::captive_portal);
  auto other = classify_claim_reply(
      reply(200, R"({"claim_uuid":"00000000-0000-4000-8000-000000000000","terminal_id":"T",)"
                 R"("status":"received"})"),
      kUuid);
  CHECK(other.kind == Kind::retry);
  CHECK(other.error.cls == ErrorClass::captive_portal);
  CHECK(classify_claim_reply(reply(202, kRecord), kUuid).kind == Kind::retry);
  CHECK(classify_claim_reply(reply(200, "[]"), kUuid).error.cls == ErrorClass::captive_portal);
  CHECK(classify_claim_reply(reply(302, "", "text/html"), kUuid).error.cls ==
        ErrorClass::captive_portal);
}

TEST_CASE("a 4xx with our error envelope quarantines with the server's reason") {
  auto out = classify_claim_reply(
      reply(422, R"j({"code":"validation_failed","message":"$.bills: needs at least 1 item(s)"})j"),
      kUuid);
  CHECK(out.kind == Kind::quarantined);
  CHECK(out.error.cls == ErrorClass::validation);
  CHECK(out.error.message.find("needs at least 1 item") != std::string::npos);
  CHECK(out.error.http_status == 422);

  auto conflict = classify_claim_reply(
      reply(409, R"({"code":"idempotency_conflict","message":"different content"})"), kUuid);
  CHECK(conflict.kind == Kind::quarantined);
  auto forbidden = classify_claim_reply(
      reply(403, R"({"code":"forbidden","message":"terminal differs"})"), kUuid);
  CHECK(forbidden.kind == Kind::quarantined);
  CHECK(forbidden.error.cls == ErrorClass::auth);
}

TEST_CASE("401, this kiosk's certificate refused, is retried as auth: the claim is fine") {
  auto out = classify_claim_reply(
      reply(401, R"({"code":"unauthorized","message":"certificate has expired"})"), kUuid);
  CHECK(out.kind == Kind::retry);
  CHECK(out.error.cls == ErrorClass::auth);
  CHECK(out.error.message.find("certificate has expired") != std::string::npos);
}

TEST_CASE("5xx, 408, 429 and foreign 4xx pages are retried") {
  CHECK(classify_claim_reply(reply(500, "oops", "text/plain"), kUuid).error.cls ==
        ErrorClass::server);
  CHECK(classify_claim_reply(reply(503, R"({"code":"internal","message":"x"})"), kUuid).kind ==
        Kind::retry);
  // 429 is our front throttling this kiosk: busy, sent again later, never quarantined.
  auto limited = classify_claim_reply(
      reply(429, R"({"code":"rate_limited","message":"too many requests"})"), kUuid);
  CHECK(limited.kind == Kind::retry);
  CHECK(limited.error.cls == ErrorClass::busy);
  CHECK(limited.error.http_status == 429);
  CHECK(classify_claim_reply(reply(408, ""), kUuid).kind == Kind::retry);
  auto foreign = classify_claim_reply(reply(404, "<html>not found</html>", "text/html"), kUuid);
  CHECK(foreign.kind == Kind::retry);
  CHECK(foreign.error.cls == ErrorClass::captive_portal);
}

TEST_CASE("server text is bounded and has no control characters") {
  const std::string long_message(5000, 'x');
  auto out = classify_claim_reply(
      reply(422, R"({"code":"validation_failed","message":")" + long_message + "\\n\\u0007\"}"),
      kUuid);
  CHECK(out.error.message.size() < 700);
  CHECK(out.error.message.find('\n') == std::string::npos);
}

TEST_CASE("HTTP dates parse in IMF-fixdate only") {
  auto t = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
  REQUIRE(t);
  CHECK(t->time_since_epoch().count() == 784111777);
  CHECK_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"));
  CHECK_FALSE(parse_http_date(""));
}

TEST_CASE("lookups become members, bills and history, bad records are refused") {
  const std::string body = R"({"member":{"id_number":"440306198805122236","name":"李梅",
    "phone":"13912345678","union_name":"示范区总工会"},
    "enrolments":[{"plan":"inpatient","year":2026}],
    "bills":[{"id":"B1","institution":"医院","visit_type":"inpatient","admitted":"2026-10-08",
      "discharged":"2026-10-15","total_fen":100,"fund_paid_fen":50,"account_paid_fen":10,
      "cash_paid_fen":40,"self_pay_full_fen":5}],
    "history":[{"plan":"inpatient","year":2026,"eligible_fen":7,"benefit_fen":3}]})";
  auto parsed = parse_lookup(body);
  REQUIRE(parsed);
  CHECK(parsed->member.name.reveal() == "李梅");
  CHECK(parsed->member.enrolments.size() == 1);
  REQUIRE(parsed->bills.size() == 1);
  CHECK(parsed->bills[0].cash_paid_fen == 40);
  CHECK(parsed->bills[0].visit_type == kiosk::core::VisitType::inpatient);
  REQUIRE(parsed->history.size() == 1);
  CHECK(parsed->history[0].benefit_fen == 3);

  std::string negative = body;
  negative.replace(negative.find("\"cash_paid_fen\":40"), 18, "\"cash_paid_fen\":-4");
  CHECK_FALSE(parse_lookup(negative));
  std::string bad_date = body;
  bad_date.replace(bad_date.find("2026-10-15"), 10, "2026-13-15");
  CHECK_FALSE(parse_lookup(bad_date));
  CHECK_FALSE(parse_lookup("{}"));
  CHECK_FALSE(parse_lookup("\xff"));
}

TEST_CASE("a config needs its four parts") {
  CHECK(parse_config(R"({"version":"1","benefit_rules":{},"notices":[],"staff_pin_hashes":[]})"));
  auto missing = parse_config(R"({"version":"1","benefit_rules":{}})");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().cls == ErrorClass::validation);
}

TEST_CASE("error classes have stable names") {
  for (auto cls :
       {ErrorClass::network, ErrorClass::tls, ErrorClass::clock, ErrorClass::auth,
        ErrorClass::server, ErrorClass::busy, ErrorClass::validation, ErrorClass::captive_portal}) {
    CHECK(parse_error_class(to_string(cls)) == cls);
  }
  CHECK(to_string(ErrorClass::captive_portal) == "captive_portal");
  CHECK_FALSE(parse_error_class("ok"));
}

TEST_CASE("a refusal's reason is kept whole up to 200 characters, cut between characters") {
  auto record_with = [](const std::string& reason) {
    return std::string(R"({"claim_uuid":"3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b",)") +
           R"("terminal_id":"DEMO-0001","status":"rejected","reason":")" + reason + R"("})";
  };
  auto plain = parse_claim_record(record_with("发票重复\\n请补交原件"));
  REQUIRE(plain.has_value());
  CHECK(plain->reason == "发票重复 请补交原件");  // the line break is a control character
  // One ASCII letter first puts every later character across a 300-byte cut.
  std::string long_reason = "a";
  for (int i = 0; i < 150; ++i) long_reason += "重";
  auto cut = parse_claim_record(record_with(long_reason));
  REQUIRE(cut.has_value());
  std::string expected = "a";
  for (int i = 0; i < 199; ++i) expected += "重";
  CHECK(*cut->reason == long_reason);  // 151 characters: whole
  for (int i = 0; i < 100; ++i) long_reason += "重";
  cut = parse_claim_record(record_with(long_reason));
  REQUIRE(cut.has_value());
  CHECK(*cut->reason == expected);
}
