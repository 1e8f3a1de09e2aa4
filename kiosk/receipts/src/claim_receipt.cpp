#include "kiosk/receipts/claim_receipt.h"

#include <fmt/core.h>

#include "kiosk/core/mask.h"
#include "kiosk/core/money.h"
#include "receipt_time.h"

namespace kiosk::receipts {
namespace {

namespace dp = drivers::printer;

// Label on the left, amount in a fixed right-hand column so that figures line up.
const std::vector<dp::Column> kMoney{{0, dp::Align::left}, {12, dp::Align::right}};

using detail::local_time;

std::string date_range(const core::Bill& bill) {
  if (bill.admitted == bill.discharged) return core::format_date(bill.discharged);
  return fmt::format("{}至{}", core::format_date(bill.admitted),
                     core::format_date(bill.discharged));
}

}  // namespace

std::string claim_reference(const core::Claim& claim, const ClaimReceiptOptions& options) {
  return options.qr_prefix + claim.uuid;
}

std::string_view upload_state_text(UploadState state) {
  return state == UploadState::submitted ? "已提交" : "待上传";
}

dp::Document claim_receipt(const core::Claim& claim, const ClaimReceiptOptions& options) {
  dp::Document doc;
  doc.text(options.center_name, {.bold = true}, dp::Align::center);
  // Two lines, so that the double-size title fits 512-dot printers without an orphan.
  doc.text("职工医疗互助金\n申报回执", {.bold = true, .double_width = true, .double_height = true},
           dp::Align::center);
  if (options.reprint) doc.text("（补打）", {}, dp::Align::center);
  doc.separator(U'=');

  doc.row({"申报编号", core::short_id(claim.uuid)}, {}, {.bold = true});
  doc.row({"申报时间", local_time(claim.created_at)});
  doc.row({"终端编号", claim.terminal_id});
  doc.row({"流水号", fmt::format("{:06}", claim.sequence)});
  doc.row({"姓名", core::mask_name(claim.member.name.reveal())});
  doc.row({"身份证号", core::mask_id_number(claim.member.id_number.reveal())});
  if (!claim.member.union_name.empty()) doc.row({"所属工会", claim.member.union_name});
  doc.separator();

  doc.row({"医保结算单", "个人负担(元)"}, kMoney, {.bold = true});
  core::Fen total = 0;
  core::Fen personal = 0;
  for (const core::Bill& bill : claim.bills) {
    total += bill.total_fen;
    personal += core::personal_total(bill);
    doc.row({bill.institution, core::format_yuan(core::personal_total(bill))}, kMoney);
    doc.text(fmt::format("  {} {}", core::display_name_zh(bill.visit_type), date_range(bill)));
  }
  doc.separator();
  doc.row({fmt::format("结算单 {} 张  医疗费用总额", claim.bills.size()), core::format_yuan(total)},
          kMoney);
  doc.row({"个人负担合计", core::format_yuan(personal)}, kMoney);
  doc.row({"预计互助金", core::format_yuan(claim.estimate.total_benefit_fen)}, kMoney,
          {.bold = true});
  for (const core::PlanEstimate& plan : claim.estimate.plans) {
    doc.row({fmt::format("  其中 {} {}年", plan.plan_name, plan.year),
             core::format_yuan(plan.benefit_fen)},
            kMoney);
  }
  doc.row({"上传状态", std::string(upload_state_text(options.upload))}, {}, {.bold = true});
  doc.separator();

  doc.qr(claim_reference(claim, options), 6, dp::QrEc::m);
  doc.text("工作人员扫码可查询、补打本申报", {}, dp::Align::center);
  doc.separator();
  doc.text(
      "预计互助金仅供参考，以审核结果为准。审核结果将以短信通知，"
      "也可凭申报编号到服务中心窗口查询。请妥善保管本回执。");
  doc.text(fmt::format("{} · 谢谢！", options.center_name), {}, dp::Align::center);
  doc.feed(2).cut();
  return doc;
}

}  // namespace kiosk::receipts
