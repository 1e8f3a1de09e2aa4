#include "kiosk/api/lookup_json.h"

#include "fields.h"
#include "kiosk/api/bill_json.h"
#include "kiosk/api/estimate_json.h"

namespace kiosk::api {
using detail::Presence;

nlohmann::ordered_json lookup_to_json(const LookupReply& reply) {
  using nlohmann::ordered_json;
  ordered_json enrolments = ordered_json::array();
  for (const auto& e : reply.member.enrolments) {
    enrolments.push_back({{"plan", e.plan}, {"year", e.year}});
  }
  ordered_json bills = ordered_json::array();
  for (const auto& bill : reply.bills) bills.push_back(bill_to_json(bill));
  ordered_json history = ordered_json::array();
  for (const auto& usage : reply.history) history.push_back(plan_usage_to_json(usage));
  ordered_json member = {{"id_number", reply.member.id_number.reveal()},
                         {"name", reply.member.name.reveal()},
                         {"phone", reply.member.phone.reveal()},
                         {"union_name", reply.member.union_name}};
  if (!reply.member.bank_account.empty()) {
    member["bank_account"] = reply.member.bank_account.reveal();
  }
  return {{"member", std::move(member)},
          {"enrolments", std::move(enrolments)},
          {"bills", std::move(bills)},
          {"history", std::move(history)}};
}

std::expected<LookupReply, std::string> lookup_from_json(const nlohmann::json& value) {
  if (!value.is_object()) return std::unexpected(std::string("the reply is not an object"));
  auto member = value.find("member");
  if (member == value.end() || !member->is_object()) {
    return std::unexpected(std::string("member is missing"));
  }
  LookupReply out;
  auto id = detail::text(*member, "id_number", Presence::required);
  if (!id) return std::unexpected("member." + id.error());
  auto name = detail::text(*member, "name", Presence::required);
  if (!name) return std::unexpected("member." + name.error());
  auto phone = detail::text(*member, "phone", Presence::optional);
  if (!phone) return std::unexpected("member." + phone.error());
  auto union_name = detail::text(*member, "union_name", Presence::optional);
  if (!union_name) return std::unexpected("member." + union_name.error());
  auto bank_account = detail::text(*member, "bank_account", Presence::optional);
  if (!bank_account) return std::unexpected("member." + bank_account.error());
  out.member.id_number = core::Secret(**id);
  out.member.name = core::Secret(**name);
  out.member.phone = core::Secret(phone->value_or(""));
  out.member.union_name = union_name->value_or("");
  out.member.bank_account = core::Secret(bank_account->value_or(""));

  auto enrolments = value.find("enrolments");
  if (enrolments == value.end() || !enrolments->is_array()) {
    return std::unexpected(std::string("enrolments must be a list"));
  }
  for (std::size_t i = 0; i < enrolments->size(); ++i) {
    const auto& e = (*enrolments)[i];
    if (!e.is_object()) return std::unexpected(detail::at("enrolments", i, "is not an object"));
    auto plan = detail::text(e, "plan", Presence::required);
    if (!plan) return std::unexpected(detail::at("enrolments", i, plan.error()));
    auto year = detail::integer(e, "year", detail::kMinYear, detail::kMaxYear);
    if (!year) return std::unexpected(detail::at("enrolments", i, year.error()));
    out.member.enrolments.push_back({**plan, static_cast<int>(*year)});
  }

  auto bills = value.find("bills");
  if (bills == value.end()) return std::unexpected(std::string("bills must be a list"));
  auto read_bills = bills_from_json(*bills);
  if (!read_bills) return std::unexpected(read_bills.error());
  out.bills = std::move(*read_bills);

  if (auto history = value.find("history"); history != value.end()) {
    auto read_history = history_from_json(*history);
    if (!read_history) return std::unexpected(read_history.error());
    out.history = std::move(*read_history);
  }
  return out;
}

}  // namespace kiosk::api
