#pragma once
// The LookupResponse shape of the API contract (deploy/api/schemas.json): the member, their
// plan enrolments, their settlement records and what their earlier claims already used.
#include <expected>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/bill.h"
#include "kiosk/core/estimate.h"
#include "kiosk/core/member.h"

namespace kiosk::api {

struct LookupReply {
  core::Member member;  // id_number, name, phone, union_name, enrolments
  std::vector<core::Bill> bills;
  std::vector<core::PlanHistory> history;  // what earlier claims used, per plan and year
};

// Holds personal data: the caller wipes what it keeps.
nlohmann::ordered_json lookup_to_json(const LookupReply& reply);
// member.id_number, member.name, enrolments and bills are required; phone, union_name and
// history may be absent (older servers). The message names the field.
std::expected<LookupReply, std::string> lookup_from_json(const nlohmann::json& value);

}  // namespace kiosk::api
