#include <catch2/catch.hpp>

#include "kiosk/core/bill.h"
#include "kiosk/core/claim.h"
#include "kiosk/core/date.h"
#include "kiosk/core/error_class.h"
#include "kiosk/core/member.h"

using namespace kiosk::core;

TEST_CASE("dates and RFC 3339 times in China Standard Time") {
  auto date = parse_date("2024-02-29").value();
  CHECK(format_date(date) == "2024-02-29");
  CHECK_FALSE(parse_date("2023-02-29").has_value());
  CHECK_FALSE(parse_date("2024-2-29").has_value());
  CHECK_FALSE(parse_date("2024-02-2x").has_value());
  const WallTime t = std::chrono::sys_days{std::chrono::year{2024} / 3 / 5} + std::chrono::hours{22} +
                     std::chrono::minutes{30};  // 22:30 UTC = 06:30 next day in Beijing
  CHECK(format_rfc3339_cst(t) == "2024-03-06T06:30:00+08:00");
  CHECK(date_cst(t) == std::chrono::year{2024} / 3 / 6);
  CHECK(parse_rfc3339("2024-03-06T06:30:00+08:00").value() == t);
  CHECK(parse_rfc3339("2024-03-05T22:30:00Z").value() == t);
  CHECK(parse_rfc3339("2024-03-05T22:30:00.250Z").value() == t);
  CHECK_FALSE(parse_rfc3339("2024-03-05 22:30:00").has_value());
  CHECK_FALSE(parse_rfc3339("2024-03-05T25:30:00Z").has_value());
}

TEST_CASE("bill bases: personal total and in-policy, never below zero") {
  Bill bill;
  bill.cash_paid_fen = 571000;
  bill.account_paid_fen = 80000;
  bill.self_pay_full_fen = 46000;
  CHECK(personal_total(bill) == 651000);
  CHECK(personal_in_policy(bill) == 605000);
  bill.self_pay_full_fen = 700000;
  CHECK(personal_in_policy(bill) == 0);
  CHECK(parse_visit_type("outpatient_chronic") == VisitType::outpatient_chronic);
  CHECK_FALSE(parse_visit_type("chronic_outpatient").has_value());
  CHECK(to_string(VisitType::inpatient) == "inpatient");
  CHECK(display_name_zh(VisitType::inpatient) == "住院");
}

TEST_CASE("claim uuids are version 4 and short ids are their first 8 hex digits") {
  std::array<std::uint8_t, 16> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(0xF0 + i);
  const std::string uuid = make_uuid_v4(bytes);
  CHECK(uuid == "f0f1f2f3-f4f5-46f7-b8f9-fafbfcfdfeff");
  CHECK(is_uuid_v4(uuid));
  CHECK_FALSE(is_uuid_v4("f0f1f2f3-f4f5-16f7-b8f9-fafbfcfdfeff"));
  CHECK_FALSE(is_uuid_v4("F0F1F2F3-F4F5-46F7-B8F9-FAFBFCFDFEFF"));
  CHECK(short_id(uuid) == "F0F1F2F3");
}

TEST_CASE("a member's enrolments and wipe") {
  Member member;
  member.name = Secret("张伟");
  member.enrolments = {{"inpatient", 2024}};
  CHECK(member.enrolled("inpatient", 2024));
  CHECK_FALSE(member.enrolled("inpatient", 2025));
  member.wipe();
  CHECK(member.name.empty());
}

TEST_CASE("error classes: each name parses back to its class, unknown names do not") {
  for (const auto& [cls, name] : kiosk::core::detail::kErrorClassNames) {
    CHECK(to_string(cls) == name);
    CHECK(parse_error_class(name) == cls);
  }
  CHECK(to_string(ErrorClass::damaged) == "damaged");
  CHECK(to_string(ErrorClass::interrupted) == "interrupted");
  CHECK(to_string(ErrorClass::captive_portal) == "captive_portal");
  CHECK_FALSE(parse_error_class("").has_value());
  CHECK_FALSE(parse_error_class("Network").has_value());
  static_assert(parse_error_class("busy") == ErrorClass::busy);
}
