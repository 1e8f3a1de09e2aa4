#pragma once
// A visit with settlement records, for the records and progress tests: a card read, the
// member loaded with BILLS, and the menu showing.
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/session.h"

namespace kiosk::core::testing {

inline Identity records_identity() {
  Identity identity;
  identity.id_number_valid = true;
  identity.name = Secret("张三丰");
  identity.id_number = Secret("11010519491231002X");
  return identity;
}

inline Bill make_bill(std::string id, Date discharged, Fen total = 100000,
                      VisitType type = VisitType::inpatient) {
  Bill bill;
  bill.id = std::move(id);
  bill.institution = "北京协和医院";
  bill.visit_type = type;
  bill.admitted = Date{std::chrono::sys_days(discharged) - std::chrono::days(5)};
  bill.discharged = discharged;
  bill.total_fen = total;
  bill.fund_paid_fen = total / 2;
  bill.cash_paid_fen = total / 4;
  bill.account_paid_fen = total / 4;
  return bill;
}

inline Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// Reads the card and answers the lookup with BILLS; returns the visit number.
inline std::uint64_t open_visit(Session& session, std::vector<Bill> bills, TimePoint at = {}) {
  session.handle(device::CardRead{records_identity()}, at);
  const auto visit = session.visit().number;
  Member member;
  member.name = Secret("张三丰");
  member.id_number = Secret("11010519491231002X");
  session.handle(server::MemberLoaded{visit, std::move(member), std::move(bills), {}}, at);
  return visit;
}

// A claim on this terminal for the records BILL_IDS.
inline ClaimLine claim_line(std::vector<std::string> bill_ids, UploadState upload,
                            std::optional<ClaimStatus> status = std::nullopt,
                            std::string reason = "") {
  ClaimLine line;
  line.number = "3F2A9C1B";
  line.date = ymd(2026, 11, 2);
  line.upload = upload;
  line.status = status;
  line.benefit_fen = 88000;
  line.reason = std::move(reason);
  line.bill_ids = std::move(bill_ids);
  return line;
}

template <class T>
const T* find_effect(const std::vector<Effect>& effects) {
  for (const auto& e : effects) {
    if (const auto* found = std::get_if<T>(&e)) return found;
  }
  return nullptr;
}

inline std::vector<Effect> open_item(Session& session, screen::Menu::Item item, TimePoint at = {}) {
  return session.handle(PersonInput{ScreenIntent{screen::Menu::Intent{screen::Menu::Open{item}}}},
                        at);
}

template <class Screen>
std::vector<Effect> intent(Session& session, typename Screen::Intent what, TimePoint at = {}) {
  return session.handle(PersonInput{ScreenIntent{std::move(what)}}, at);
}

}  // namespace kiosk::core::testing
