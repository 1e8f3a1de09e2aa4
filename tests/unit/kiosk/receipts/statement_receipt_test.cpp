#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <set>
#include <variant>

#include <fmt/core.h>

#include "document_support.h"
#include "drivers/printer/encoder.h"
#include "drivers/printer/interpreter.h"
#include "kiosk/receipts/statement_receipt.h"
#include "printer_test_support.h"

using namespace kiosk::receipts;
namespace dp = drivers::printer;

using testing::all_text;
using testing::render_one;

TEST_CASE("the 80 mm statement prints each record, the totals and the period, masked") {
  Statement statement = sample_statement(3);
  auto doc = statement_receipt(statement);
  REQUIRE(doc);
  const std::string text = all_text(*doc);
  CHECK(text.find("示范区职工服务中心") != std::string::npos);
  CHECK(text.find("医疗费用个人\n承担证明单") != std::string::npos);
  CHECK(text.find("姓名|张**|") != std::string::npos);
  CHECK(text.find("身份证号|110101********1234|") != std::string::npos);
  CHECK(text.find("张三丰") == std::string::npos);
  CHECK(text.find("110101199003071234") == std::string::npos);
  CHECK(text.find("统计期间|2024-01-01至2024-12-31|") != std::string::npos);
  for (const auto& bill : statement.records) {
    CHECK(text.find(kiosk::core::format_date(bill.discharged) + "  " + bill.institution) !=
          std::string::npos);
    CHECK(text.find(kiosk::core::format_yuan(bill.total_fen) + "|" +
                    kiosk::core::format_yuan(bill.fund_paid_fen) + "|" +
                    kiosk::core::format_yuan(kiosk::core::personal_total(bill)) + "|") !=
          std::string::npos);
  }
  auto totals = statement_totals(statement.records);
  REQUIRE(totals);
  CHECK(text.find("合计 3 条结算记录") != std::string::npos);
  CHECK(text.find(kiosk::core::format_yuan(totals->total_fen) + "|" +
                  kiosk::core::format_yuan(totals->fund_paid_fen) + "|" +
                  kiosk::core::format_yuan(totals->personal_fen) + "|") != std::string::npos);
  CHECK(text.find("人民币" + yuan_in_capitals(totals->personal_fen)) != std::string::npos);
  CHECK(text.find("打印时间|2025-01-15 09:30:00|") != std::string::npos);
  CHECK(text.find("终端编号|DEMO-0001|") != std::string::npos);
  CHECK(text.find("验证编号|ST20250115-0001|") != std::string::npos);
  CHECK(text.find("QR:KIOSK-STATEMENT:ST20250115-0001") != std::string::npos);
}

TEST_CASE("the 80 mm statement refuses what the A4 one refuses") {
  Statement statement = sample_statement(2);
  statement.records.clear();
  auto empty = statement_receipt(statement);
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message.find("nothing to certify") != std::string::npos);
  statement = sample_statement(2);
  statement.verification_number = "no spaces/slashes";
  CHECK_FALSE(statement_receipt(statement));
}

TEST_CASE("the printed statement's QR scans back to its verification number") {
  Statement statement = sample_statement(4);
  std::array<std::uint8_t, kVerificationRandomBytes> random{0x12, 0x34, 0x56, 0x78, 0x9a,
                                                            0xbc, 0xde, 0xf0, 0x0f, 0xa5};
  statement.verification_number = make_verification_number(random);
  const auto out = std::filesystem::path(KIOSK_BINARY_DIR) / "receipts-statement";
  std::filesystem::create_directories(out);
  for (int dots : {576, 512}) {
    dp::Profile profile = dp::generic_80mm();
    profile.dots = dots;
    auto doc = statement_receipt(statement);
    REQUIRE(doc);
    dp::Page page = render_one(*doc, profile);
    CHECK(page.width == dots);
    REQUIRE(dp::write_png(page, out / fmt::format("statement-{}.png", dots)));
    std::set<std::string> qr;
    for (const auto& s : printer_test::scan(page)) {
      if (s.type == "QR-Code") qr.insert(s.data);
    }
    CHECK(qr == std::set<std::string>{"KIOSK-STATEMENT:" + statement.verification_number});
    // The double-size title has ink below the centre's name.
    CHECK(printer_test::ink(page, 0, 30, dots, 126) > 4000);
  }
}

TEST_CASE("verification numbers are 16 Crockford characters from 80 random bits") {
  std::array<std::uint8_t, kVerificationRandomBytes> zeros{};
  CHECK(make_verification_number(zeros) == "ST-0000-0000-0000-0000");
  std::array<std::uint8_t, kVerificationRandomBytes> ones;
  ones.fill(0xff);
  CHECK(make_verification_number(ones) == "ST-ZZZZ-ZZZZ-ZZZZ-ZZZZ");
  std::array<std::uint8_t, kVerificationRandomBytes> some{0x12, 0x34, 0x56, 0x78, 0x9a,
                                                          0xbc, 0xde, 0xf0, 0x0f, 0xa5};
  CHECK(make_verification_number(some) == "ST-28T5-CY4T-QKFF-03X5");
  Statement statement = sample_statement(1);
  statement.verification_number = make_verification_number(some);
  CHECK(validate_statement(statement));
}

TEST_CASE("the 80 mm statement prints the full name when the config says id_only") {
  Statement statement = sample_statement(3);
  statement.mask = kiosk::core::StatementMask::id_only;
  auto doc = statement_receipt(statement);
  REQUIRE(doc);
  const std::string text = all_text(*doc);
  CHECK(text.find("姓名|张三丰|") != std::string::npos);
  // The ID number stays masked whatever the config says.
  CHECK(text.find("身份证号|110101********1234|") != std::string::npos);
  CHECK(text.find("110101199003071234") == std::string::npos);
}
