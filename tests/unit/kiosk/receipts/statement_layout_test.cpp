// The A4 statement's page breaking and page contents, measured with the real font
// (Noto Sans CJK SC) through Pango: 1, 25 and 80 records, and every count from 1 to 80.
#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include <fmt/core.h>

#include "kiosk/receipts/statement.h"
#include "kiosk/receipts/statement_layout.h"

using namespace kiosk::receipts;
namespace core = kiosk::core;

namespace {

StatementLayout lay_out(std::size_t records) {
  auto layout = lay_out_statement(sample_statement(records));
  INFO((layout ? "" : layout.error().message));
  REQUIRE(layout);
  return *std::move(layout);
}

// What holds for every statement, whatever its length.
void check_pages(const StatementLayout& layout) {
  const std::size_t pages = layout.pages.size();
  std::size_t next = 0;
  for (std::size_t p = 0; p < pages; ++p) {
    const StatementPage& page = layout.pages[p];
    INFO("page " << p + 1 << " of " << pages);
    // Records in order, each exactly once.
    CHECK(page.first_record == next);
    next += page.record_count;
    // Nothing runs into the footer.
    CHECK(page.content_bottom <= page.table_bottom);
    // The header and "page N of M" on every page.
    const std::string text = page_text(page);
    CHECK(text.find("医疗费用个人承担证明单") != std::string::npos);
    CHECK(text.find("示范区职工服务中心") != std::string::npos);
    CHECK(text.find("结算日期") != std::string::npos);
    CHECK(text.find(fmt::format("第 {} 页 共 {} 页", p + 1, pages)) != std::string::npos);
    CHECK(text.find("张**") != std::string::npos);
    CHECK(text.find("110101********1234") != std::string::npos);
    CHECK(text.find("张三丰") == std::string::npos);
    CHECK(text.find("110101199003071234") == std::string::npos);
    // Totals on the last page only, never alone.
    CHECK(page.has_totals == (p + 1 == pages));
    CHECK((text.find("合计（共") != std::string::npos) == (p + 1 == pages));
    if (p + 1 == pages) CHECK(page.record_count >= 1);
    // A page ends early only when what follows would not have fitted: the next row (the
    // tallest, three lines, is under 45 pt), or before the last page, its rows and totals.
    if (p + 2 < pages) CHECK(page.content_bottom > page.table_bottom - 45);
    if (p + 2 == pages) {
      const StatementPage& last = layout.pages.back();
      CHECK(page.content_bottom + (last.content_bottom - last.table_top) > page.table_bottom);
    }
  }
  CHECK(next == layout.records.size());
}

}  // namespace

TEST_CASE("a statement of one record is one page with the header, the row and the totals") {
  StatementLayout layout = lay_out(1);
  REQUIRE(layout.pages.size() == 1);
  check_pages(layout);
  const std::string text = page_text(layout.pages[0]);
  const core::Bill& bill = layout.records[0];
  CHECK(text.find(bill.institution) != std::string::npos);
  CHECK(text.find(format_statement_yuan(bill.total_fen)) != std::string::npos);
  CHECK(text.find("个人负担合计：" + format_statement_yuan(core::personal_total(bill))) !=
        std::string::npos);
  CHECK(text.find("（人民币" + yuan_in_capitals(core::personal_total(bill)) + "）") !=
        std::string::npos);
  CHECK(text.find("统计期间：2024-01-01 至 2024-12-31") != std::string::npos);
  CHECK(text.find("验证编号：ST20250115-0001") != std::string::npos);
  CHECK(text.find("打印时间：2025年01月15日 09:30") != std::string::npos);
  bool has_qr = false;
  for (const PageItem& item : layout.pages[0].items) {
    if (const auto* qr = std::get_if<QrBox>(&item)) {
      has_qr = true;
      CHECK(qr->payload == "KIOSK-STATEMENT:ST20250115-0001");
      CHECK(qr->y + qr->size <= layout.pages[0].table_bottom);
    }
  }
  CHECK(has_qr);
}

TEST_CASE("25 and 80 records break over pages with the header and page numbers on each") {
  StatementLayout twenty_five = lay_out(25);
  check_pages(twenty_five);
  CHECK(twenty_five.pages.size() == 2);  // 22 rows fill a page: the totals need a second
  StatementLayout eighty = lay_out(80);
  check_pages(eighty);
  CHECK(eighty.pages.size() == 5);
  CHECK(eighty.totals.count == 80);
}

TEST_CASE("every length from 1 to 80 records keeps the page invariants") {
  std::size_t pages = 1;
  for (std::size_t n = 1; n <= 80; ++n) {
    INFO(n << " records");
    StatementLayout layout = lay_out(n);
    check_pages(layout);
    CHECK(layout.pages.size() >= pages);  // more records never take fewer pages
    pages = layout.pages.size();
  }
}

TEST_CASE("records are printed in settlement-date order whatever order they come in") {
  Statement statement = sample_statement(12);
  std::reverse(statement.records.begin(), statement.records.end());
  auto layout = lay_out_statement(statement);
  REQUIRE(layout);
  for (std::size_t i = 1; i < layout->records.size(); ++i) {
    CHECK(layout->records[i - 1].discharged <= layout->records[i].discharged);
  }
}

TEST_CASE("a very long institution name wraps, is cut at three lines and stays on its page") {
  Statement statement = sample_statement(3);
  std::string name;
  for (int i = 0; i < 30; ++i) name += "某某市第一人民医院";
  statement.records[1].institution = name;
  auto layout = lay_out_statement(statement);
  REQUIRE(layout);
  REQUIRE(layout->pages.size() == 1);
  bool found = false;
  for (const PageItem& item : layout->pages[0].items) {
    if (const auto* box = std::get_if<TextBox>(&item); box && box->text == name) {
      found = true;
      CHECK(box->lines == 3);
    }
  }
  CHECK(found);
  check_pages(*layout);
}

TEST_CASE("a missing CJK font is an error that names the package, not a silent fallback") {
  auto layout = lay_out_statement(sample_statement(1), {.font_family = "No Such Font Family Xyz"});
  REQUIRE_FALSE(layout);
  CHECK(layout.error().kind == StatementError::Kind::font_missing);
  CHECK(layout.error().message.find("fonts-noto-cjk") != std::string::npos);
}

TEST_CASE("the A4 statement follows the configured mask: id_only prints the full name") {
  Statement statement = sample_statement(30);
  statement.mask = core::StatementMask::id_only;
  auto layout = lay_out_statement(statement);
  REQUIRE(layout);
  REQUIRE(layout->pages.size() >= 2);
  for (const auto& page : layout->pages) {
    const std::string text = page_text(page);
    CHECK(text.find("姓名：张三丰") != std::string::npos);
    CHECK(text.find("110101********1234") != std::string::npos);
    CHECK(text.find("110101199003071234") == std::string::npos);
  }
  statement.mask = core::StatementMask::name_and_id;
  layout = lay_out_statement(statement);
  REQUIRE(layout);
  CHECK(page_text(layout->pages.front()).find("姓名：张**") != std::string::npos);
  CHECK(page_text(layout->pages.front()).find("张三丰") == std::string::npos);
}
