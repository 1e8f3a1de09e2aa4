// The personal-share statement as an 80 mm receipt.
#include "kiosk/receipts/statement_receipt.h"

#include <algorithm>

#include <fmt/core.h>

#include "kiosk/core/money.h"
#include "receipt_time.h"

namespace kiosk::receipts {
namespace {

namespace dp = drivers::printer;

// Three amounts right-aligned under their headings; 13 columns hold "99,999,999.99", and
// 13 + 13 + 14 with two gaps fit the 42 columns of a 512-dot printer.
const std::vector<dp::Column> kAmounts{
    {0, dp::Align::right}, {13, dp::Align::right}, {13, dp::Align::right}};

std::vector<std::string> amounts(core::Fen total, core::Fen fund, core::Fen personal) {
  return {core::format_yuan(total), core::format_yuan(fund), core::format_yuan(personal)};
}

}  // namespace

std::expected<dp::Document, StatementError> statement_receipt(const Statement& statement,
                                                              const StatementOptions& options) {
  if (auto valid = validate_statement(statement); !valid) return std::unexpected(valid.error());
  auto records = statement.records;
  std::stable_sort(records.begin(), records.end(), [](const core::Bill& a, const core::Bill& b) {
    if (a.discharged != b.discharged) return a.discharged < b.discharged;
    return a.id < b.id;
  });
  auto totals = statement_totals(records);
  if (!totals) return std::unexpected(totals.error());

  dp::Document doc;
  doc.text(statement.center_name, {.bold = true}, dp::Align::center);
  // Two lines, so that the double-size title fits 512-dot printers.
  doc.text("医疗费用个人\n承担证明单", {.bold = true, .double_width = true, .double_height = true},
           dp::Align::center);
  doc.separator(U'=');
  doc.row({"姓名", statement_name(statement)});
  doc.row({"身份证号", statement_id_number(statement)});
  if (!statement.member.union_name.empty()) doc.row({"所属工会", statement.member.union_name});
  doc.row({"统计期间", fmt::format("{}至{}", core::format_date(statement.period_from),
                                   core::format_date(statement.period_to))});
  doc.separator();

  doc.text("结算日期  医疗机构", {.bold = true});
  doc.row({"医疗费用总额", "统筹基金支付", "个人承担"}, kAmounts, {.bold = true});
  for (const core::Bill& bill : records) {
    doc.separator(U'.');
    doc.text(fmt::format("{}  {}", core::format_date(bill.discharged), bill.institution));
    doc.row(amounts(bill.total_fen, bill.fund_paid_fen, core::personal_total(bill)), kAmounts);
  }
  doc.separator();
  doc.text(fmt::format("合计 {} 条结算记录（元）", totals->count), {.bold = true});
  doc.row(amounts(totals->total_fen, totals->fund_paid_fen, totals->personal_fen), kAmounts,
          {.bold = true});
  doc.text(fmt::format("个人承担合计（大写）：人民币{}", yuan_in_capitals(totals->personal_fen)));
  doc.separator();

  doc.row({"打印时间", detail::local_time(statement.printed_at)});
  doc.row({"终端编号", statement.terminal_id});
  doc.row({"验证编号", statement.verification_number}, {}, {.bold = true});
  doc.qr(statement_qr_payload(statement, options), 6, dp::QrEc::m);
  doc.text("扫码或凭验证编号可向职工服务中心核验本证明", {}, dp::Align::center);
  doc.separator();
  doc.text(
      "个人承担 = 个人现金支付 + 个人账户支付。本证明依据医保结算记录打印，"
      "涂改无效。");
  doc.feed(2).cut();
  return doc;
}

std::string make_verification_number(
    std::span<const std::uint8_t, kVerificationRandomBytes> random) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford
  std::string out = "ST";
  std::uint32_t buffer = 0;
  int bits = 0;
  int written = 0;
  for (std::uint8_t byte : random) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      if (written % 4 == 0) out += '-';
      out += kAlphabet[(buffer >> bits) & 31u];
      ++written;
    }
  }
  return out;  // 80 bits: exactly 16 characters, nothing left over
}

}  // namespace kiosk::receipts
