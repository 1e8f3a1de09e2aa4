#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "kiosk/api/lookup_json.h"
#include "samples.h"

using namespace kiosk;

namespace {
api::LookupReply sample_reply() {
  core::Claim claim = test::example_claim();
  api::LookupReply reply;
  reply.member = std::move(claim.member);
  reply.member.union_name = "深圳市总工会";
  reply.member.enrolments = {{"inpatient", 2026}, {"outpatient", 2026}};
  reply.bills = claim.bills;
  reply.history = {{"inpatient", 2026, 300000, 90000}};
  claim.wipe();
  return reply;
}
}  // namespace

TEST_CASE("lookup reply: written to the contract's LookupResponse and read back whole") {
  api::LookupReply reply = sample_reply();
  const auto json = api::lookup_to_json(reply);
  CHECK(test::schema_violation(json, "LookupResponse") == "");
  auto back = api::lookup_from_json(nlohmann::json::parse(json.dump()));
  REQUIRE(back.has_value());
  CHECK(back->member.id_number.reveal() == reply.member.id_number.reveal());
  CHECK(back->member.name.reveal() == reply.member.name.reveal());
  CHECK(back->member.phone.reveal() == reply.member.phone.reveal());
  CHECK(back->member.union_name == reply.member.union_name);
  CHECK(back->member.enrolments == reply.member.enrolments);
  CHECK(back->bills == reply.bills);
  // The history is what keeps a kiosk estimate from taking a deductible twice: it must arrive.
  CHECK(back->history == reply.history);
  back->member.wipe();
  reply.member.wipe();
}

TEST_CASE("lookup reply: missing parts are refused with the field, optional ones default") {
  api::LookupReply reply = sample_reply();
  auto json = nlohmann::json::parse(api::lookup_to_json(reply).dump());
  reply.member.wipe();
  auto message = [](const nlohmann::json& value) {
    auto read = api::lookup_from_json(value);
    if (read) read->member.wipe();
    return read ? std::string("no error") : read.error();
  };
  auto without = json;
  without["member"].erase("name");
  CHECK(message(without) == "member.name is missing");
  without = json;
  without.erase("bills");
  CHECK(message(without) == "bills must be a list");
  without = json;
  without["bills"][0].erase("total_fen");
  CHECK(message(without) == "bills[0]: total_fen is missing");
  without = json;
  without["enrolments"][1]["year"] = "2026";
  CHECK(message(without) == "enrolments[1]: year must be a whole number");
  without = json;
  without["history"] = 3;
  CHECK(message(without) == "history must be a list");

  auto older = json;
  older.erase("history");
  older["member"].erase("phone");
  older["member"].erase("union_name");
  auto read = api::lookup_from_json(older);
  REQUIRE(read.has_value());
  CHECK(read->history.empty());
  CHECK(read->member.phone.reveal().empty());
  read->member.wipe();
}
