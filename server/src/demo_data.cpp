#include "server/demo_data.h"

#include <charconv>

#include <fmt/core.h>

#include "kiosk/api/bill_json.h"
#include "kiosk/store/demo_claims.h"
#include "kiosk/store/demo_records.h"

namespace server {
namespace {
using nlohmann::json;

json bill(const char* id, const char* institution, const char* visit_type, const char* admitted,
          const char* discharged, std::int64_t total, std::int64_t fund, std::int64_t account,
          std::int64_t cash, std::int64_t self_pay_full) {
  return {{"id", id},
          {"institution", institution},
          {"visit_type", visit_type},
          {"admitted", admitted},
          {"discharged", discharged},
          {"total_fen", total},
          {"fund_paid_fen", fund},
          {"account_paid_fen", account},
          {"cash_paid_fen", cash},
          {"self_pay_full_fen", self_pay_full}};
}

json member(const char* id_number, const char* name, const char* phone, const char* bank_account,
            json enrolments, json bills) {
  return {{"member",
           {{"id_number", id_number},
            {"name", name},
            {"phone", phone},
            {"union_name", "示范区总工会"},
            {"bank_account", bank_account}}},
          {"enrolments", std::move(enrolments)},
          {"bills", std::move(bills)}};
}

// An invented bank card for demo card I: 19 digits that pass the Luhn check.
std::string demo_bank_account(std::size_t i) {
  std::string digits = fmt::format("622202{:012}", 100000 + i);
  int sum = 0;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    int d = digits[digits.size() - 1 - k] - '0';
    if (k % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;  // doubled: the check digit goes right
    sum += d;
  }
  return digits + static_cast<char>('0' + (10 - sum % 10) % 10);
}

json enrolled(std::initializer_list<const char*> plans, int year) {
  json out = json::array();
  for (const char* plan : plans) out.push_back({{"plan", plan}, {"year", year}});
  return out;
}

// Three settlement histories, given to the demo people in turn. Totals satisfy
// total = fund + account + cash, and the fully self-paid items are part of the cash.
json bills_for(std::size_t n, const std::string& tag) {
  auto id = [&](const char* suffix) { return fmt::format("{}-{}", tag, suffix); };
  switch (n % 3) {
    case 0:
      return json::array({bill(id("2026-0312").c_str(), "北京协和医院", "inpatient", "2026-03-02",
                               "2026-03-12", 3'268'050, 2'287'635, 120'000, 860'415, 95'000),
                          bill(id("2026-0618").c_str(), "北京大学人民医院", "outpatient_chronic",
                               "2026-06-18", "2026-06-18", 186'400, 93'200, 40'000, 53'200, 0),
                          bill(id("2026-0907").c_str(), "北京朝阳医院", "outpatient", "2026-09-07",
                               "2026-09-07", 42'300, 0, 12'300, 30'000, 4'500)});
    case 1:
      return json::array({bill(id("2026-1008").c_str(), "深圳市人民医院", "inpatient", "2026-10-08",
                               "2026-10-15", 1'856'000, 1'205'000, 80'000, 571'000, 46'000)});
    default:
      return json::array(
          {bill(id("2026-0415").c_str(), "上海市第六人民医院", "outpatient_chronic", "2026-04-15",
                "2026-04-15", 95'600, 47'800, 20'000, 27'800, 0),
           bill(id("2026-0822").c_str(), "复旦大学附属中山医院", "inpatient", "2026-08-22",
                "2026-08-30", 5'432'100, 3'802'470, 0, 1'629'630, 210'000)});
  }
}
}  // namespace

std::vector<json> demo_members() {
  struct Person {
    std::string id_number, name, phone, bank_account;
  };
  std::vector<Person> people;
  for (std::size_t i = 0; i < demo_cards().size(); ++i) {
    people.push_back({demo_cards()[i].id_number, demo_cards()[i].name,
                      fmt::format("138001380{:02}", i), demo_bank_account(i)});
  }
  // kiosk/store's demo claims.
  for (const auto& person : kiosk::store::demo_people()) {
    people.push_back({person.id_number, person.name, person.phone, person.bank_account});
  }
  std::vector<json> out;
  for (std::size_t i = 0; i < people.size(); ++i) {
    const auto& p = people[i];
    const json plans = i % 3 == 1 ? enrolled({"inpatient"}, 2026)
                                  : enrolled({"inpatient", "outpatient_chronic"}, 2026);
    json bills = bills_for(i, fmt::format("DEMO{:02}", i + 1));
    // A long history for the records list's benchmark (assets/demo/people.toml).
    if (auto generated = kiosk::store::demo_generated_records(p.id_number)) {
      bills = json::array();
      for (const auto& record : *generated) bills.push_back(json(kiosk::api::bill_to_json(record)));
    }
    // The settlement record of the API's example claim (deploy/api/examples/claim.json) is
    // this person's, so the example is accepted as it stands.
    if (p.id_number == "440306198805122236") {
      bills.push_back(bill("SZ-2026-000123", "深圳市人民医院", "inpatient", "2026-10-08",
                           "2026-10-15", 1'856'000, 1'205'000, 80'000, 571'000, 46'000));
    }
    out.push_back(member(p.id_number.c_str(), p.name.c_str(), p.phone.c_str(),
                         p.bank_account.c_str(), plans, std::move(bills)));
  }
  return out;
}

json demo_config() {
  auto band = [](std::optional<std::int64_t> up_to, int rate) {
    return json{{"up_to_fen", up_to ? json(*up_to) : json(nullptr)}, {"rate_percent", rate}};
  };
  json rules = {{"version", "2026.1"},
                {"plans", json::array({
                              {{"id", "inpatient"},
                               {"name", "住院医疗互助"},
                               {"visit_types", {"inpatient"}},
                               {"base", "personal_in_policy"},
                               {"deductible_fen", 100'000},
                               {"annual_cap_fen", 5'000'000},
                               {"bands", {band(1'000'000, 50), band(std::nullopt, 60)}}},
                              {{"id", "outpatient_chronic"},
                               {"name", "门诊慢特病医疗互助"},
                               {"visit_types", {"outpatient_chronic"}},
                               {"base", "personal_in_policy"},
                               {"deductible_fen", 20'000},
                               {"annual_cap_fen", 500'000},
                               {"bands", {band(std::nullopt, 40)}}},
                          })}};
  return {{"version", "demo-2026.1"},
          {"benefit_rules", std::move(rules)},
          {"notices",
           json::array({{{"id", "welcome"},
                         {"title", "欢迎使用职工服务自助终端"},
                         {"body", "请将身份证放在读卡区，按屏幕提示办理医疗互助金申报。"}}})},
          // Made per terminal from demo_staff_pins() when a terminal pulls its config.
          {"staff_pin_hashes", json::array()}};
}

std::vector<StaffPin> demo_staff_pins() {
  std::vector<StaffPin> pins;
  pins.push_back({"S001", kiosk::core::Secret("246810")});
  return pins;
}

std::vector<json> demo_claim_bills(const std::string& id_number,
                                   const std::vector<std::string>& bill_ids) {
  std::vector<json> out;
  for (const auto& id : bill_ids) {
    // "DEMO-000042-2": bill 2 of demo claim 42 (kiosk::store::demo_claim).
    constexpr std::string_view kPrefix = "DEMO-";
    if (!id.starts_with(kPrefix)) continue;
    const char* first = id.data() + kPrefix.size();
    const char* last = id.data() + id.size();
    std::size_t n = 0, bill = 0;
    auto [dash, ec] = std::from_chars(first, last, n);
    if (ec != std::errc{} || dash == last || *dash != '-' || n >= kDemoClaimLimit) continue;
    auto [end, ec2] = std::from_chars(dash + 1, last, bill);
    if (ec2 != std::errc{} || end != last || bill == 0 ||
        fmt::format("DEMO-{:06}-{}", n, bill) != id) {
      continue;
    }
    const auto& person = kiosk::store::demo_people()[n % kiosk::store::demo_people().size()];
    if (person.id_number != id_number) continue;
    auto claim = kiosk::store::demo_claim(n, "DEMO");
    if (bill <= claim.bills.size())
      out.push_back(json(kiosk::api::bill_to_json(claim.bills[bill - 1])));
    claim.wipe();
  }
  return out;
}

std::expected<void, std::string> load_demo_data(Database& db) {
  for (const auto& record : demo_members()) {
    if (auto ok = db.put_member(record); !ok) {
      return std::unexpected(fmt::format("cannot store a demo member: {}", ok.error()));
    }
  }
  if (auto ok = db.enable_demo_settlements(); !ok) {
    return std::unexpected(
        fmt::format("cannot enable the demo settlement records: {}", ok.error()));
  }
  if (auto ok = db.put_config(demo_config(), demo_staff_pins()); !ok) {
    return std::unexpected(fmt::format("cannot store the demo config: {}", ok.error()));
  }
  return {};
}

}  // namespace server
