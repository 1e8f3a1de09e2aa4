#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "kiosk/api/bill_json.h"
#include "kiosk/core/rules.h"
#include "samples.h"

using namespace kiosk;

namespace {
std::string message_of(const nlohmann::json& value) {
  auto bill = api::bill_from_json(value);
  return bill ? std::string("no error") : bill.error();
}
}  // namespace

TEST_CASE("bill: written to the contract's Bill and read back unchanged") {
  const core::Bill bill = test::example_claim().bills.at(0);
  const auto json = api::bill_to_json(bill);
  CHECK(test::schema_violation(json, "Bill") == "");
  auto back = api::bill_from_json(nlohmann::json::parse(json.dump()));
  REQUIRE(back.has_value());
  CHECK(*back == bill);

  const std::vector<core::Bill> bills{bill, bill};
  auto list = api::bills_from_text(api::bills_to_text(bills));
  REQUIRE(list.has_value());
  CHECK(*list == bills);
}

TEST_CASE("bill: every field is required and checked, the message names it") {
  const auto good =
      nlohmann::json::parse(api::bill_to_json(test::example_claim().bills.at(0)).dump());
  for (const char* key :
       {"id", "institution", "visit_type", "admitted", "discharged", "total_fen", "fund_paid_fen",
        "account_paid_fen", "cash_paid_fen", "self_pay_full_fen"}) {
    auto without = good;
    without.erase(key);
    CHECK(message_of(without) == std::string(key) + " is missing");
  }
  auto bad = good;
  bad["visit_type"] = "dental";
  CHECK(message_of(bad).find("visit_type must be") != std::string::npos);
  bad = good;
  bad["discharged"] = "2026-02-30";
  CHECK(message_of(bad).starts_with("discharged: "));
  bad = good;
  bad["total_fen"] = 1.5;
  CHECK(message_of(bad) == "total_fen must be a whole number");
  bad = good;
  bad["cash_paid_fen"] = -1;
  CHECK(message_of(bad).starts_with("cash_paid_fen must be 0 to "));
  bad = good;
  bad["fund_paid_fen"] = core::kMaxAmountFen + 1;
  CHECK(message_of(bad).starts_with("fund_paid_fen must be 0 to "));
  bad = good;
  bad["account_paid_fen"] = std::uint64_t{18'446'744'073'709'551'615u};  // not read as -1
  CHECK(message_of(bad).starts_with("account_paid_fen must be 0 to "));
  bad = good;
  bad["id"] = 7;
  CHECK(message_of(bad) == "id must be a string");
  CHECK(message_of(nlohmann::json::array()) == "is not an object");

  auto list = nlohmann::json::array({good, good});
  list[1].erase("institution");
  auto read = api::bills_from_json(list);
  REQUIRE_FALSE(read.has_value());
  CHECK(read.error() == "bills[1]: institution is missing");
  CHECK_FALSE(api::bills_from_text("[{").has_value());
  CHECK(api::bills_from_text("{}").error() == "bills must be a list");
}
