// Byte streams made by other projects' ESC/POS generators (fixtures/, written by
// fixtures/make_fixtures.js; versions in fixtures/GENERATORS.md), rendered by the virtual
// printer and read back: barcodes and QR images with zbar, rules by their pixel rows, and
// no character drawn as an empty box. The expected data are the generators' inputs, with
// check digits worked out by hand from the symbology rules.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>

#include <fmt/core.h>

#include "drivers/printer/interpreter.h"
#include "drivers/printer/profile.h"
#include "printer_test_support.h"

using namespace drivers::printer;

namespace {

std::filesystem::path fixtures() {
  return std::filesystem::path(KIOSK_SOURCE_DIR) / "tests/unit/drivers/printer/fixtures";
}

std::vector<std::uint8_t> read_fixture(const std::string& name) {
  std::ifstream in(fixtures() / name, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

InterpreterOptions epson_ank() {  // an Epson without a Hanzi font: code pages only
  auto p =
      find_profile(std::filesystem::path(KIOSK_SOURCE_DIR) / "assets/printers", "epson-tm-t88");
  REQUIRE(p);
  return InterpreterOptions::from(*p);
}

struct Rendered {
  Page page;
  std::vector<std::string> warnings;
  std::vector<char32_t> missing;
};

// Renders a fixture to one page and keeps the PNG under the build folder for people to see.
Rendered render_fixture(const std::string& name, const InterpreterOptions& options =
                                                     InterpreterOptions::from(generic_80mm())) {
  Rendered r;
  auto pages = render(read_fixture(name), options, &r.warnings, &r.missing);
  REQUIRE(pages.size() == 1);
  r.page = std::move(pages[0]);
  auto out = std::filesystem::path(KIOSK_BINARY_DIR) / "printer-generator-streams";
  std::filesystem::create_directories(out);
  REQUIRE(write_png(r.page, out / (std::filesystem::path(name).stem().string() + ".png")));
  for (const auto& w : r.warnings) UNSCOPED_INFO("warning: " << w);
  return r;
}

std::multiset<std::string> decoded(const Page& page) {
  std::multiset<std::string> out;
  for (const auto& s : printer_test::scan(page)) {
    UNSCOPED_INFO(s.type << ": " << s.data);
    out.insert(s.type + " " + s.data);
  }
  return out;
}

int tofu(const Page& page) {
  return printer_test::count_tofu(page, 12, 24) + printer_test::count_tofu(page, 9, 17) +
         printer_test::count_tofu(page, 24, 24);
}

// Rows holding a black run at least `length` dots long (a rule across the paper).
int rule_rows(const Page& page, int length) {
  int rows = 0;
  for (int y = 0; y < page.height; ++y) rows += printer_test::longest_run(page, y) >= length;
  return rows;
}

// UPC-A 03600029145 + check 2; UPC-E 0 425261 = UPC-A 04210000526 + check 4;
// EAN-13 400638133393 + 1; EAN-8 9638507 + 4.
const std::multiset<std::string> kRetailCodes = {"UPC-A 036000291452", "UPC-E 04252614",
                                                 "EAN-13 4006381333931", "EAN-8 96385074",
                                                 "I2/5 12345678"};

}  // namespace

TEST_CASE(
    "receipt-printer-encoder barcodes (GS k m 0-6 with NUL, 72 and 73 with length) scan to their "
    "data") {
  auto r = render_fixture("rpe_barcodes.bin");
  auto found = decoded(r.page);
  std::multiset<std::string> want = kRetailCodes;
  want.insert({"CODE-39 KIOSK-39", "Codabar A40156B", "CODE-93 KIOSK93", "CODE-128 RPE-128"});
  CHECK(found == want);
  CHECK(r.warnings.empty());
  CHECK(r.missing.empty());
}

TEST_CASE("node-thermal-printer barcodes (GS k m 65-73, length-prefixed) scan to their data") {
  auto r = render_fixture("ntp_barcodes.bin");
  std::multiset<std::string> want = kRetailCodes;
  want.insert({"CODE-39 NTP-39", "Codabar A40156B", "CODE-93 NTP93", "CODE-128 NTP-128"});
  CHECK(decoded(r.page) == want);
  CHECK(r.warnings.empty());
}

TEST_CASE("node-escpos barcodes (GS k m 0-6 with NUL, check digits it added) scan to their data") {
  auto r = render_fixture("node_escpos_barcodes.bin");
  std::multiset<std::string> want = kRetailCodes;
  want.insert("CODE-39 NODE-39");
  CHECK(decoded(r.page) == want);
  CHECK(r.warnings.empty());
}

TEST_CASE("QR codes sent as ESC * column images and GS v 0 raster images scan back") {
  SECTION("receipt-printer-encoder: ESC * 33 and GS v 0, and a rule image") {
    auto r = render_fixture("rpe_images.bin");
    CHECK(decoded(r.page) == std::multiset<std::string>{"QR-Code https://rpe.example/column",
                                                        "QR-Code https://rpe.example/raster"});
    // The 384 x 8 black image: 8 rows with a 384-dot run.
    CHECK(rule_rows(r.page, 384) == 8);
    CHECK(r.warnings.empty());
  }
  SECTION("node-thermal-printer: GS v 0") {
    auto r = render_fixture("ntp_image.bin");
    CHECK(decoded(r.page) == std::multiset<std::string>{"QR-Code https://ntp.example/raster"});
    CHECK(r.warnings.empty());
  }
  SECTION("node-escpos: ESC * in all four densities") {
    auto r = render_fixture("node_escpos_images.bin");
    CHECK(decoded(r.page) == std::multiset<std::string>{"QR-Code https://node-escpos.example/s8",
                                                        "QR-Code https://node-escpos.example/d8",
                                                        "QR-Code https://node-escpos.example/s24",
                                                        "QR-Code https://node-escpos.example/d24"});
    CHECK(r.warnings.empty());
  }
}

TEST_CASE(
    "Epson graphics: GS ( L and GS 8 L fn 112 and 113 store, fn 50 prints, fn 48/49/65/67 are "
    "skipped") {
  auto r = render_fixture("epson_graphics.bin");
  CHECK(decoded(r.page) == std::multiset<std::string>{"QR-Code https://epson.example/gs-paren-L",
                                                      "QR-Code https://epson.example/gs-8-L"});
  // fn 113: the 400 x 16 column image is a black rule, 16 rows of 400 dots.
  CHECK(rule_rows(r.page, 400) == 16);
  // Only the NV functions are reported; the text lines between the images are there.
  for (const auto& w : r.warnings) CHECK(w.find("NV or download graphics") != std::string::npos);
  CHECK(r.warnings.size() == 2);  // fn 65 and fn 67
  CHECK(r.missing.empty());
}

TEST_CASE("box drawing from CP437 and GB18030 prints as lines, never as empty boxes") {
  SECTION("receipt-printer-encoder: rules, boxes and a table in CP437") {
    auto r = render_fixture("rpe_boxes_cp437.bin");
    CHECK(r.missing.empty());
    CHECK(tofu(r.page) == 0);
    // The single and the double rule: 48 cells of 12 dots joined into 576-dot lines (light 2
    // rows, double 2 x 2 rows).
    CHECK(rule_rows(r.page, 576) == 6);
    CHECK(r.warnings.empty());
  }
  SECTION("node-thermal-printer: CP437 rules on an Epson without Hanzi") {
    auto r = render_fixture("ntp_lines_cp437.bin", epson_ank());
    CHECK(r.missing.empty());
    CHECK(tofu(r.page) == 0);
    CHECK(rule_rows(r.page, 42 * 12) == 6);
  }
  SECTION("node-escpos: GB18030 box drawing beside Hanzi and symbols") {
    auto r = render_fixture("node_escpos_gb18030_lines.bin");
    CHECK(r.missing.empty());
    CHECK(tofu(r.page) == 0);
    // drawLine(═) over its 24 columns: 24 Hanzi cells of 24 dots, double line = 2 x 2 rows.
    CHECK(rule_rows(r.page, 576) == 4);
  }
}

TEST_CASE("a whole shop receipt from receipt-printer-encoder prints everything it holds") {
  auto r = render_fixture("rpe_receipt.bin");
  CHECK(decoded(r.page) == std::multiset<std::string>{"EAN-13 4006381333931",
                                                      "QR-Code https://shop.example/r/000123"});
  CHECK(r.missing.empty());
  CHECK(tofu(r.page) == 0);
  CHECK(r.warnings.empty());
  // The double rule (2 x 2 rows) and the single rule (2 rows) across 42 columns of 12 dots.
  CHECK(rule_rows(r.page, 42 * 12) == 6);
}

TEST_CASE("the tofu counter finds the empty box of a character the font lacks") {
  // U+E000 is a private-use code point no font here has: GB18030 AAA1 maps to it.
  auto pages = render(printer_test::hex("AA A1 AA A1 1B 74 00 1C 2E 41 0A"),
                      InterpreterOptions::from(generic_80mm()));
  REQUIRE(pages.size() == 1);
  CHECK(tofu(pages[0]) == 2);
  std::vector<char32_t> missing;
  std::vector<std::string> warnings;
  (void)render(printer_test::hex("AA A1 AA A1 0A"), InterpreterOptions::from(generic_80mm()),
               &warnings, &missing);
  CHECK(missing == std::vector<char32_t>{0xE000});
  CHECK(warnings.size() == 1);
}
