// A deterministic sample statement: the demo's person and `n` records spread over 2024.
#include <array>
#include <chrono>

#include <fmt/core.h>

#include "kiosk/receipts/statement.h"

namespace kiosk::receipts {

Statement sample_statement(std::size_t records) {
  using namespace std::chrono;
  Statement statement;
  statement.center_name = "示范区职工服务中心";
  statement.member.name = core::Secret("张三丰");
  statement.member.id_number = core::Secret("110101199003071234");
  statement.member.union_name = "市第一机床厂工会";
  statement.period_from = year{2024} / January / 1;
  statement.period_to = year{2024} / December / 31;
  // 2025-01-15 09:30:00 China Standard Time.
  statement.printed_at = sys_days{year{2025} / January / 15} + hours{1} + minutes{30};
  statement.terminal_id = "DEMO-0001";
  statement.verification_number = "ST20250115-0001";

  static constexpr std::array<const char*, 6> kInstitutions{
      "首都医科大学附属北京朝阳医院",
      "北京协和医院",
      "北京大学第一医院",
      "中国医学科学院肿瘤医院深圳医院（深圳市肿瘤医院）门诊部",
      "朝阳区社区卫生服务中心",
      "北京积水潭医院"};
  static constexpr std::array<core::VisitType, 3> kTypes{
      core::VisitType::outpatient, core::VisitType::outpatient_chronic, core::VisitType::inpatient};
  for (std::size_t i = 0; i < records; ++i) {
    core::Bill bill;
    bill.institution = kInstitutions[i % kInstitutions.size()];
    bill.visit_type = kTypes[i % kTypes.size()];
    // Spread over the year, in date order: day i * 360 / n, from 1 January.
    auto day = sys_days{year{2024} / January / 1} + days{static_cast<int>(i * 360 / records)};
    bill.discharged = year_month_day{day};
    bill.admitted = bill.visit_type == core::VisitType::inpatient ? year_month_day{day - days{6}}
                                                                  : bill.discharged;
    if (bill.admitted < statement.period_from) bill.admitted = statement.period_from;
    bill.id = fmt::format("JS{:04}{:02}{:02}{:05}", static_cast<int>(bill.discharged.year()),
                          static_cast<unsigned>(bill.discharged.month()),
                          static_cast<unsigned>(bill.discharged.day()), i + 1);
    // Amounts vary with i; inpatient stays cost more. Fund + personal = total.
    core::Fen base = bill.visit_type == core::VisitType::inpatient ? 1'500'000 : 20'000;
    bill.total_fen = base + static_cast<core::Fen>((i * 7919) % 100'000);
    bill.fund_paid_fen = bill.total_fen * 6 / 10;
    bill.account_paid_fen = bill.total_fen / 10;
    bill.cash_paid_fen = bill.total_fen - bill.fund_paid_fen - bill.account_paid_fen;
    bill.self_pay_full_fen = bill.cash_paid_fen / 5;
    statement.records.push_back(bill);
  }
  return statement;
}

}  // namespace kiosk::receipts
