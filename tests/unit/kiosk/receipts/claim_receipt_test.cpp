#include <catch2/catch.hpp>

#include <variant>

#include "document_support.h"
#include "drivers/printer/encoder.h"
#include "drivers/printer/interpreter.h"
#include "kiosk/receipts/claim_receipt.h"
#include "printer_test_support.h"

using namespace kiosk::receipts;
namespace dp = drivers::printer;

using testing::all_text;
using testing::render_one;

TEST_CASE("the claim receipt shows the claim's facts with personal data masked") {
  auto claim = sample_claim();
  std::string text = all_text(claim_receipt(claim, {.upload = UploadState::submitted}));
  CHECK(text.find("职工医疗互助金") != std::string::npos);
  CHECK(text.find("申报编号|3F2A9C1B|") != std::string::npos);
  CHECK(text.find("申报时间|2024-03-05 14:30:00|") != std::string::npos);
  CHECK(text.find("终端编号|GH-0001|") != std::string::npos);
  CHECK(text.find("姓名|张**|") != std::string::npos);
  CHECK(text.find("身份证号|110101********1234|") != std::string::npos);
  CHECK(text.find("张三丰") == std::string::npos);
  CHECK(text.find("110101199003071234") == std::string::npos);
  CHECK(text.find("13812345678") == std::string::npos);
  CHECK(text.find("6222021234567890123") == std::string::npos);
  CHECK(text.find("首都医科大学附属北京朝阳医院|5,456.78|") != std::string::npos);
  CHECK(text.find("北京协和医院|345.80|") != std::string::npos);
  CHECK(text.find("个人负担合计|5,802.58|") != std::string::npos);
  CHECK(text.find("预计互助金|2,227.21|") != std::string::npos);
  CHECK(text.find("上传状态|已提交|") != std::string::npos);
  CHECK(text.find("QR:KIOSK-CLAIM:3f2a9c1b-4d2e-4f60-9a7b-1c2d3e4f5a6b") != std::string::npos);
}

TEST_CASE("a claim not yet uploaded says 待上传, a reprint says so") {
  auto claim = sample_claim();
  std::string text =
      all_text(claim_receipt(claim, {.upload = UploadState::pending, .reprint = true}));
  CHECK(text.find("上传状态|待上传|") != std::string::npos);
  CHECK(text.find("补打") != std::string::npos);
  CHECK(upload_state_text(UploadState::submitted) == "已提交");
}

TEST_CASE("the printed receipt's QR scans back to the claim reference, text has ink") {
  auto claim = sample_claim();
  for (bool native : {true, false}) {
    dp::Profile profile = dp::generic_80mm();
    profile.native_qr = native;
    dp::Page page = render_one(claim_receipt(claim), profile);
    bool found = false;
    for (const auto& s : printer_test::scan(page)) {
      if (s.type == "QR-Code") {
        CHECK(s.data == claim_reference(claim));
        found = true;
      }
    }
    CHECK(found);
    // The two-line double-size title is below the centre name (one 30-dot line).
    CHECK(printer_test::ink(page, 0, 30, 576, 126) > 4000);
  }
}

TEST_CASE("the receipt fits a 512-dot printer and prints rare name characters as images") {
  auto claim = sample_claim();
  claim.member.name = kiosk::core::Secret("㛃丽");  // masked to "㛃*"; 㛃 is a GB18030 4-byte code
  dp::Profile profile = dp::generic_80mm();
  profile.dots = 512;
  auto encoded = dp::encode(claim_receipt(claim), profile);
  REQUIRE(encoded);
  CHECK(encoded->unprintable == std::vector<char32_t>{U'㛃'});
  dp::Page page = render_one(claim_receipt(claim), profile);
  CHECK(page.width == 512);
  bool found = false;
  for (const auto& s : printer_test::scan(page)) found = found || s.data == claim_reference(claim);
  CHECK(found);
}

TEST_CASE("amounts follow the bills: no bills means zero totals, not an empty receipt") {
  auto claim = sample_claim();
  claim.bills.clear();
  claim.estimate = {};
  std::string text = all_text(claim_receipt(claim));
  CHECK(text.find("个人负担合计|0.00|") != std::string::npos);
  CHECK(text.find("预计互助金|0.00|") != std::string::npos);
}
