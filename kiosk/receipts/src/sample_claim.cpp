#include <chrono>

#include "kiosk/receipts/claim_receipt.h"

namespace kiosk::receipts {

core::Claim sample_claim() {
  using namespace std::chrono;
  core::Claim claim;
  claim.uuid = "3f2a9c1b-4d2e-4f60-9a7b-1c2d3e4f5a6b";
  claim.terminal_id = "GH-0001";
  claim.sequence = 123;
  // 2024-03-05 14:30:00 China Standard Time.
  claim.created_at = sys_days{year{2024} / March / 5} + hours{6} + minutes{30};
  claim.member.name = core::Secret("张三丰");
  claim.member.id_number = core::Secret("110101199003071234");
  claim.member.phone = core::Secret("13812345678");
  claim.member.union_name = "市第一机床厂工会";
  claim.bank_account = core::Secret("6222021234567890123");

  core::Bill inpatient;
  inpatient.id = "JS2024010200001";
  inpatient.institution = "首都医科大学附属北京朝阳医院";
  inpatient.visit_type = core::VisitType::inpatient;
  inpatient.admitted = year{2024} / January / 2;
  inpatient.discharged = year{2024} / January / 10;
  inpatient.total_fen = 2'345'678;
  inpatient.fund_paid_fen = 1'800'000;
  inpatient.account_paid_fen = 45'678;
  inpatient.cash_paid_fen = 500'000;
  inpatient.self_pay_full_fen = 32'100;

  core::Bill chronic;
  chronic.id = "JS2024020800017";
  chronic.institution = "北京协和医院";
  chronic.visit_type = core::VisitType::outpatient_chronic;
  chronic.admitted = year{2024} / February / 8;
  chronic.discharged = year{2024} / February / 8;
  chronic.total_fen = 86'450;
  chronic.fund_paid_fen = 51'870;
  chronic.account_paid_fen = 0;
  chronic.cash_paid_fen = 34'580;
  chronic.self_pay_full_fen = 0;
  claim.bills = {inpatient, chronic};

  core::PlanEstimate hospital{"inpatient", "住院医疗互助", 2024, 513'578, 205'431, {}};
  core::PlanEstimate outpatient{"outpatient_chronic", "门诊慢特病互助", 2024, 34'580, 17'290, {}};
  claim.estimate.plans = {hospital, outpatient};
  claim.estimate.total_benefit_fen = hospital.benefit_fen + outpatient.benefit_fen;

  claim.commitment.text_version = "2024-01";
  claim.commitment.accepted_at = claim.created_at;
  return claim;
}

}  // namespace kiosk::receipts
