// What staff print: the test page and the day summary (日结单), read back as the document's
// text and as the page the virtual printer's interpreter renders from the encoded bytes (one
// page, no warnings, no character the printer lacks, the test page's codes scan back).
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "document_support.h"      // tests/unit/kiosk/receipts
#include "printer_test_support.h"  // tests/unit/drivers/printer
#include "services/staff_documents.h"

using namespace kiosk;
using namespace kiosk::app;
namespace dp = drivers::printer;
using kiosk::receipts::testing::all_text;

namespace {

const PrintHeader kHeader{"北京市朝阳区总工会服务中心", "GH-0001", "2026-11-30 18:05", "S-007"};

ui::DaySummary sample_day() {
  return {.date = "2026-11-30",
          .claims_taken = 12,
          .uploaded = 9,
          .pending = 2,
          .quarantined = 1,
          .estimated_benefit_fen = 1'234'567,
          .receipts_printed = 11,
          .reprints = 3,
          .statements_printed = 5,
          .test_pages = 1};
}

bool has(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

// Encoded for the 80 mm profile and rendered back: every character printed as text, one page.
dp::Page print(const dp::Document& doc) {
  const dp::Profile profile = dp::generic_80mm();
  auto encoded = dp::encode(doc, profile);
  REQUIRE(encoded);
  CHECK(encoded->unprintable.empty());
  std::vector<std::string> warnings;
  std::vector<char32_t> missing;
  auto pages =
      dp::render(encoded->bytes, dp::InterpreterOptions::from(profile), &warnings, &missing);
  CHECK(warnings.empty());
  CHECK(missing.empty());
  REQUIRE(pages.size() == 1);
  CHECK(printer_test::count_tofu(pages[0], profile.font_a.width, profile.font_a.height) == 0);
  return pages[0];
}

}  // namespace

TEST_CASE("staff documents: the day summary lists today's figures under 日结单") {
  const auto doc = day_summary(kHeader, sample_day());
  const std::string text = all_text(doc);
  INFO(text);
  CHECK(has(text, "北京市朝阳区总工会服务中心\n日结单\n"));
  CHECK(has(text, "终端编号|GH-0001|"));
  CHECK(has(text, "打印时间|2026-11-30 18:05|"));
  CHECK(has(text, "员工|S-007|"));
  CHECK(has(text, "日期|2026-11-30|"));
  CHECK(has(text, "受理申报|12 笔|"));
  CHECK(has(text, "已上传|9 笔|"));
  CHECK(has(text, "待上传|2 笔|"));
  CHECK(has(text, "被退回|1 笔|"));
  CHECK(has(text, "预计互助金合计(元)|12,345.67|"));
  CHECK(has(text, "打印回执|11 张|"));
  CHECK(has(text, "补打回执|3 张|"));
  CHECK(has(text, "打印证明单|5 张|"));
  CHECK(has(text, "测试页|1 张|"));
  CHECK(has(text, "员工签字："));

  const dp::Page page = print(doc);
  // The double-size title has ink below the centre's name (one 30-dot line).
  CHECK(printer_test::ink(page, 0, 30, page.width, 126) > 2000);
}

TEST_CASE("staff documents: a day with nothing done prints zeros, not blanks") {
  ui::DaySummary empty;
  empty.date = "2026-11-30";
  const std::string text = all_text(day_summary(kHeader, empty));
  CHECK(has(text, "受理申报|0 笔|"));
  CHECK(has(text, "预计互助金合计(元)|0.00|"));
  CHECK(has(text, "测试页|0 张|"));
}

TEST_CASE("staff documents: the test page prints every kind of block, and its codes scan") {
  const auto doc = test_page(kHeader, "generic-80mm");
  const std::string text = all_text(doc);
  INFO(text);
  CHECK(has(text, "打印机测试页\n"));
  CHECK(has(text, "终端编号|GH-0001|"));
  CHECK(has(text, "员工|S-007|"));
  CHECK(has(text, "打印机|generic-80mm|"));
  CHECK(has(text, "中文：职工医疗互助金申报回执\n"));
  CHECK(has(text, "English: ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789\n"));
  CHECK(has(text, "QR:KIOSK-TEST-PAGE GH-0001\n"));
  CHECK(has(text, "以上内容清晰完整即为正常\n"));

  const dp::Page page = print(doc);
  std::set<std::string> scanned;
  for (const auto& symbol : printer_test::scan(page)) scanned.insert(symbol.data);
  CHECK(scanned == std::set<std::string>{"TEST0001", "KIOSK-TEST-PAGE GH-0001"});
}
