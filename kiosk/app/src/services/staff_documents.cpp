#include "staff_documents.h"

#include <fmt/format.h>

#include "kiosk/core/money.h"

namespace kiosk::app {
namespace dp = drivers::printer;

namespace {
void header(dp::Document& doc, const PrintHeader& h, const char* title) {
  doc.text(h.center_name, {.bold = true}, dp::Align::center);
  doc.text(title, {.bold = true, .double_width = true, .double_height = true}, dp::Align::center);
  doc.separator(U'=');
  doc.row({"终端编号", h.terminal_id});
  doc.row({"打印时间", h.printed_at});
  doc.row({"员工", h.staff_id});
  doc.separator();
}
}  // namespace

dp::Document test_page(const PrintHeader& h, const std::string& printer_model) {
  dp::Document doc;
  header(doc, h, "打印机测试页");
  doc.row({"打印机", printer_model});
  doc.text("中文：职工医疗互助金申报回执");
  doc.text("English: ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789");
  doc.text("加粗 Bold", {.bold = true});
  doc.row({"左列", "右列 1,234.56"});
  doc.separator(U'─');
  doc.barcode("TEST0001");
  doc.qr("KIOSK-TEST-PAGE " + h.terminal_id);
  doc.text("以上内容清晰完整即为正常", {}, dp::Align::center);
  doc.feed(2);
  doc.cut();
  return doc;
}

dp::Document day_summary(const PrintHeader& h, const ui::DaySummary& day) {
  dp::Document doc;
  header(doc, h, "日结单");
  doc.row({"日期", day.date});
  doc.row({"受理申报", fmt::format("{} 笔", day.claims_taken)});
  doc.row({"已上传", fmt::format("{} 笔", day.uploaded)});
  doc.row({"待上传", fmt::format("{} 笔", day.pending)});
  doc.row({"被退回", fmt::format("{} 笔", day.quarantined)});
  doc.row({"预计互助金合计(元)", core::format_yuan(day.estimated_benefit_fen)});
  doc.separator();
  doc.row({"打印回执", fmt::format("{} 张", day.receipts_printed)});
  doc.row({"补打回执", fmt::format("{} 张", day.reprints)});
  doc.row({"打印证明单", fmt::format("{} 张", day.statements_printed)});
  doc.row({"测试页", fmt::format("{} 张", day.test_pages)});
  doc.separator();
  doc.text("员工签字：", {}, dp::Align::left);
  doc.feed(3);
  doc.cut();
  return doc;
}

}  // namespace kiosk::app
