#include "kiosk/store/demo_claims.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include <fmt/core.h>

#include "base/sha256.h"
#include "demo_people_file.h"
#include "demo_rules.h"
#include "kiosk/core/rules.h"
#include "kiosk/store/crypto.h"
#include "kiosk/store/rules_toml.h"
#include "toml_guard.h"

#include <toml++/toml.h>

namespace kiosk::store {
namespace {
// The shipped example rules (assets/rules/mutual-aid.toml, built in). They are checked by
// their own tests; rules that no longer parse stop the first demo claim loudly, not silently.
const core::Rules& demo_rules() {
  static const core::Rules rules = [] {
    auto parsed = parse_rules_toml(demo_rules_toml(), "assets/rules/mutual-aid.toml");
    if (!parsed) {
      std::fprintf(stderr, "kiosk_store: the built-in demo rules do not parse: %s\n",
                   parsed.error().message.c_str());
      std::abort();
    }
    return std::move(*parsed);
  }();
  return rules;
}

const std::string& text_of(const toml::table& person, const char* key) {
  const auto* value = person[key].as_string();
  if (value == nullptr || value->get().empty()) {
    demo_file_broken(fmt::format("a person without {}", key).c_str());
  }
  return value->get();
}

constexpr std::array<std::string_view, 4> kInstitutions = {
    "深圳市人民医院", "北京协和医院", "广州市第一人民医院", "上海市第六人民医院"};
}  // namespace

void demo_file_broken(const char* message) {
  std::fprintf(stderr, "kiosk_store: assets/demo/people.toml: %s\n", message);
  std::abort();
}

const toml::table& demo_people_file() {
  static const toml::table root = [] {
    if (auto unsafe = unsafe_toml_character(demo_people_toml())) {
      demo_file_broken(unsafe->c_str());
    }
    try {
      return toml::parse(demo_people_toml(), std::string_view("assets/demo/people.toml"));
    } catch (const toml::parse_error& error) {
      demo_file_broken(fmt::format("does not parse: {}", std::string(error.description())).c_str());
    }
  }();
  return root;
}

const std::vector<DemoPerson>& demo_people() {
  static const std::vector<DemoPerson> people = [] {
    std::vector<DemoPerson> read;
    if (const auto* list = demo_people_file()["person"].as_array()) {
      for (const auto& node : *list) {
        const auto* person = node.as_table();
        if (person == nullptr) continue;
        read.push_back(DemoPerson{text_of(*person, "id_number"), text_of(*person, "name"),
                                  text_of(*person, "phone"), text_of(*person, "bank_account")});
      }
    }
    if (read.empty()) demo_file_broken("lists nobody");
    return read;
  }();
  return people;
}

core::Claim demo_claim(std::size_t n, std::string_view terminal_id) {
  using namespace std::chrono;
  const DemoPerson& person = demo_people()[n % demo_people().size()];
  core::Claim claim;
  claim.uuid = new_uuid();
  claim.terminal_id = std::string(terminal_id);
  claim.member.id_number = core::Secret(person.id_number);
  claim.member.name = core::Secret(person.name);
  claim.member.phone = core::Secret(person.phone);
  claim.member.union_name = "示例区总工会";
  claim.bank_account = core::Secret(person.bank_account);
  const std::size_t bills = 1 + n % 3;
  for (std::size_t i = 0; i < bills; ++i) {
    core::Bill bill;
    bill.id = fmt::format("DEMO-{:06}-{}", n, i + 1);
    bill.institution = std::string(kInstitutions[(n + i) % kInstitutions.size()]);
    bill.visit_type = i == 2 ? core::VisitType::outpatient_chronic : core::VisitType::inpatient;
    bill.discharged = year{2026} / month{1 + static_cast<unsigned>((n + i) % 11)} / day{15};
    bill.admitted = sys_days{bill.discharged} - days{7};
    bill.cash_paid_fen = 300000 + static_cast<core::Fen>((n * 7919 + i * 104729) % 900000);
    bill.account_paid_fen = 50000 + static_cast<core::Fen>((n * 31 + i) % 50000);
    bill.self_pay_full_fen = static_cast<core::Fen>((n * 13 + i * 17) % 60000);
    bill.fund_paid_fen = 2 * bill.cash_paid_fen;
    bill.total_fen = bill.fund_paid_fen + bill.cash_paid_fen + bill.account_paid_fen;
    claim.bills.push_back(std::move(bill));
  }
  claim.estimate = core::estimate_benefits(demo_rules(), claim.bills, {});
  claim.commitment.text_version = "2026.1";
  claim.commitment.signature_sha256 = base::sha256_hex(fmt::format("demo signature {}", n));
  claim.commitment.accepted_at = system_clock::now();
  return claim;
}

}  // namespace kiosk::store
