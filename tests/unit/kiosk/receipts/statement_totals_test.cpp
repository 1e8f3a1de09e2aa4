// The statement's sums (checked fen additions), its checks on input, and the PDF it writes.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <limits>
#include <string>

#include "kiosk/receipts/statement.h"
#include "kiosk/receipts/statement_layout.h"
#include "temp_dir.h"

using namespace kiosk::receipts;
namespace core = kiosk::core;

namespace {

core::Bill bill(std::string id, core::Fen total, core::Fen fund, core::Fen account,
                core::Fen cash) {
  core::Bill b;
  b.id = std::move(id);
  b.institution = "北京协和医院";
  b.admitted = b.discharged = std::chrono::year{2024} / 3 / 1;
  b.total_fen = total;
  b.fund_paid_fen = fund;
  b.account_paid_fen = account;
  b.cash_paid_fen = cash;
  return b;
}

std::size_t count_pages(const std::vector<std::uint8_t>& pdf) {
  const std::string text(pdf.begin(), pdf.end());
  std::size_t count = 0;
  for (std::size_t at = text.find("/Type /Page"); at != std::string::npos;
       at = text.find("/Type /Page", at + 1)) {
    if (text.compare(at, 12, "/Type /Pages") != 0) ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("totals add every column in fen and the personal share is cash plus account") {
  auto totals = statement_totals({bill("A", 2'345'678, 1'800'000, 45'678, 500'000),
                                  bill("B", 86'450, 51'870, 0, 34'580), bill("C", 1, 0, 0, 1)});
  REQUIRE(totals);
  CHECK(totals->count == 3);
  CHECK(totals->total_fen == 2'432'129);
  CHECK(totals->fund_paid_fen == 1'851'870);
  CHECK(totals->personal_fen == 580'259);
  CHECK(format_statement_yuan(totals->personal_fen) == "¥5,802.59");
  CHECK(format_statement_yuan(0) == "¥0.00");
  CHECK(format_statement_yuan(-5) == "-¥0.05");
}

TEST_CASE("a sum that would overflow the fen type is an error, not a wrapped number") {
  const core::Fen half = std::numeric_limits<core::Fen>::max() / 2 + 1;
  auto totals = statement_totals({bill("A", half, 0, 0, 0), bill("B", half, 0, 0, 0)});
  REQUIRE_FALSE(totals);
  CHECK(totals.error().kind == StatementError::Kind::invalid);
  CHECK(totals.error().message.find("split the period") != std::string::npos);
  auto personal = statement_totals({bill("C", 0, 0, std::numeric_limits<core::Fen>::max(),
                                         std::numeric_limits<core::Fen>::max())});
  REQUIRE_FALSE(personal);
  CHECK(personal.error().message.find("record C") != std::string::npos);
}

TEST_CASE("a statement with wrong values is refused with the reason") {
  auto refused = [](Statement s) {
    auto layout = lay_out_statement(s);
    REQUIRE_FALSE(layout);
    CHECK(layout.error().kind == StatementError::Kind::invalid);
    return layout.error().message;
  };
  Statement base = sample_statement(3);

  Statement s = base;
  s.verification_number = "ST 1/../x";
  CHECK(refused(s).find("verification number") != std::string::npos);
  s = base;
  s.records.clear();
  CHECK(refused(s).find("nothing to certify") != std::string::npos);
  s = base;
  s.records[0].cash_paid_fen = -1;
  CHECK(refused(s).find("negative") != std::string::npos);
  s = base;
  s.records[1].fund_paid_fen = s.records[1].total_fen;  // fund + personal > total
  CHECK(refused(s).find("inconsistent") != std::string::npos);
  s = base;
  s.records[2].discharged = std::chrono::year{2025} / 1 / 2;
  CHECK(refused(s).find("outside the period") != std::string::npos);
  s = base;
  s.period_to = std::chrono::year{2023} / 1 / 1;
  CHECK(refused(s).find("period") != std::string::npos);
  s = base;
  s.member.id_number = core::Secret("");
  CHECK(refused(s).find("ID number") != std::string::npos);
}

TEST_CASE("the PDF has one A4 page per laid-out page and is written atomically") {
  Statement statement = sample_statement(50);
  auto layout = lay_out_statement(statement);
  REQUIRE(layout);
  auto pdf = render_statement_pdf(statement);
  REQUIRE(pdf);
  REQUIRE(pdf->size() > 1000);
  CHECK(std::string(pdf->begin(), pdf->begin() + 5) == "%PDF-");
  CHECK(count_pages(*pdf) == layout->pages.size());
  CHECK(layout->pages.size() == 3);

  kiosk::testing::TempDir dir("kiosk-statement");
  auto path = dir.path() / "statement.pdf";
  std::ofstream(path) << "an older statement";
  REQUIRE(write_statement_pdf(statement, path));
  CHECK(std::filesystem::file_size(path) == pdf->size());  // replaced whole
  // Nothing left beside it: the temporary file became the statement.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);

  auto missing = write_statement_pdf(statement, dir.path() / "no-such-folder" / "s.pdf");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == StatementError::Kind::output);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "no-such-folder"));
}

TEST_CASE("amounts in Chinese capitals read zeros once and end in 整 when whole") {
  CHECK(yuan_in_capitals(0) == "零元整");
  CHECK(yuan_in_capitals(5) == "伍分");
  CHECK(yuan_in_capitals(50) == "伍角");
  CHECK(yuan_in_capitals(100) == "壹元整");
  CHECK(yuan_in_capitals(1'000) == "壹拾元整");
  CHECK(yuan_in_capitals(1'205) == "壹拾贰元零伍分");
  CHECK(yuan_in_capitals(101'000) == "壹仟零壹拾元整");
  CHECK(yuan_in_capitals(580'258) == "伍仟捌佰零贰元伍角捌分");
  CHECK(yuan_in_capitals(8'154'838) == "捌万壹仟伍佰肆拾捌元叁角捌分");
  CHECK(yuan_in_capitals(10'000'000) == "壹拾万元整");
  CHECK(yuan_in_capitals(100'000'100) == "壹佰万零壹元整");
  CHECK(yuan_in_capitals(1'000'000'100) == "壹仟万零壹元整");
  CHECK(yuan_in_capitals(10'001'000'000) == "壹亿零壹万元整");
  CHECK(yuan_in_capitals(12'000'034'500) == "壹亿贰仟万零叁佰肆拾伍元整");
  CHECK(yuan_in_capitals(999'999'999'999'999'999) ==
        "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万"
        "玖仟玖佰玖拾玖元玖角玖分");
  CHECK(yuan_in_capitals(100'000'000'000'000) == "壹万亿元整");  // 10^12 yuan
  CHECK(yuan_in_capitals(100'000'000'000'000'000) == "壹仟万亿元整");
  CHECK(yuan_in_capitals(-1).empty());
  CHECK(yuan_in_capitals(std::numeric_limits<core::Fen>::max()).empty());
}
