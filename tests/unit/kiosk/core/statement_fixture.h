#pragma once
// The statement screen tests' fixture: a visit with records on both sides of a year, the
// statement screen open, and the printer's answers.
#include <catch2/catch.hpp>

#include "kiosk/core/session.h"

using namespace kiosk::core;
using namespace std::chrono;
using namespace std::chrono_literals;
using Statement = screen::Statement;

namespace statement_fixture {

inline Bill bill(std::string id, Date settled, Fen total, Fen fund, Fen account, Fen cash) {
  Bill b;
  b.id = std::move(id);
  b.institution = "北京协和医院";
  b.admitted = settled;
  b.discharged = settled;
  b.total_fen = total;
  b.fund_paid_fen = fund;
  b.account_paid_fen = account;
  b.cash_paid_fen = cash;
  return b;
}

inline const Date kToday = 2026y / November / 29;

// Records in 2025 and 2026, one on each side of a year's edge.
inline std::vector<Bill> sample_bills() {
  return {
      bill("A", 2025y / March / 3, 100'00, 60'00, 10'00, 30'00),
      bill("B", 2025y / December / 31, 2'000'00, 1'500'00, 0, 500'00),
      bill("C", 2026y / January / 1, 345'67, 200'00, 45'67, 100'00),
      bill("D", 2026y / October / 15, 1'000'000'00, 800'000'00, 50'000'00, 150'000'00),
  };
}

// A session on the statement screen with the sample records loaded.
inline Session statement_session(TimePoint t0 = {}) {
  Session session({90s, Language::zh_CN});
  Identity identity;
  identity.id_number_valid = true;
  identity.name = Secret("张三丰");
  identity.id_number = Secret("11010519491231002X");
  session.handle(device::CardRead{std::move(identity)}, t0);
  server::MemberLoaded loaded;
  loaded.visit = 1;
  loaded.member.name = Secret("张三丰");
  loaded.member.id_number = Secret("11010519491231002X");
  loaded.bills = sample_bills();
  session.handle(std::move(loaded), t0);
  session.handle(
      ScreenIntent{screen::Menu::Intent{screen::Menu::Open{screen::Menu::Item::statement}}},
      t0 + 1s);
  REQUIRE(session.screen_if<Statement>());
  return session;
}

inline std::vector<Effect> tell(Session& session, Statement::Intent intent,
                                TimePoint at = TimePoint{} + 2s) {
  return session.handle(ScreenIntent{std::move(intent)}, at);
}

inline const Statement& statement(const Session& session) {
  const auto* s = session.screen_if<Statement>();
  REQUIRE(s);
  return *s;
}

inline StatementTotals totals_shown(const Session& session) {
  auto totals = sum_records(records_in(session.bills(), statement(session).period));
  REQUIRE(totals);
  return *totals;
}

// The app's at-once answer to the print effect.
inline printer::StatementQueued queued(std::uint64_t job,
                                       StatementPrinter on = StatementPrinter::receipt) {
  return {job, on, "ST-ABCD-EFGH-JKMN-PQRS"};
}

// A session on an A4 terminal's statement screen, this year chosen.
inline Session a4_session() {
  SessionConfig config;
  config.a4_printer = true;
  Session session(config);
  Identity identity;
  identity.id_number_valid = true;
  identity.name = Secret("张三丰");
  identity.id_number = Secret("11010519491231002X");
  session.handle(device::CardRead{std::move(identity)}, TimePoint{});
  server::MemberLoaded loaded;
  loaded.visit = 1;
  loaded.bills = sample_bills();
  session.handle(std::move(loaded), TimePoint{});
  session.handle(
      ScreenIntent{screen::Menu::Intent{screen::Menu::Open{screen::Menu::Item::statement}}},
      TimePoint{} + 1s);
  session.handle(ScreenIntent{Statement::Intent{
                     Statement::Choose{Statement::Range::this_year, Date{2026y / November / 29}}}},
                 TimePoint{} + 1s);
  REQUIRE(session.screen_if<Statement>());
  return session;
}

inline printer::A4Job a4(std::uint64_t job, printer::A4State state, int pages = 0,
                         bool final = false) {
  return {job, state, pages, final};
}

template <class T>
const T* find_effect(const std::vector<Effect>& effects) {
  for (const auto& e : effects) {
    if (const auto* found = std::get_if<T>(&e)) return found;
  }
  return nullptr;
}

}  // namespace statement_fixture

using namespace statement_fixture;
