// Encode, render with the virtual printer, read the result back: QR and barcodes with zbar,
// Chinese text by its ink.
#include <catch2/catch.hpp>

#include "drivers/printer/encoder.h"
#include "drivers/printer/interpreter.h"
#include "printer_test_support.h"

using namespace drivers::printer;

namespace {

const std::string kPayload = "https://kiosk.example/c/3f2a9c1b-4d2e-4f60-9a7b-1c2d3e4f5a6b";

Document receipt() {
  Document doc;
  doc.text("职工医疗互助金申报回执", {.bold = true, .double_width = true, .double_height = true},
           Align::center);
  doc.separator();
  doc.row({"申报编号", "3F2A9C1B"}).row({"姓名", "张**"});
  doc.qr(kPayload, 6).barcode("GH0001-000123").feed(2).cut();
  return doc;
}

Page print_and_render(const Profile& profile) {
  auto encoded = encode(receipt(), profile);
  REQUIRE(encoded);
  std::vector<std::string> warnings;
  std::vector<char32_t> missing;
  auto pages = render(encoded->bytes, InterpreterOptions::from(profile), &warnings, &missing);
  CHECK(warnings.empty());
  CHECK(missing.empty());
  REQUIRE(pages.size() == 1);
  return pages[0];
}

void check_codes(const Page& page) {
  auto symbols = printer_test::scan(page);
  bool qr = false;
  bool code128 = false;
  for (const auto& s : symbols) {
    if (s.type == "QR-Code") {
      CHECK(s.data == kPayload);
      qr = true;
    }
    if (s.type == "CODE-128") {
      CHECK(s.data == "GH0001-000123");
      code128 = true;
    }
  }
  CHECK(qr);
  CHECK(code128);
}

}  // namespace

TEST_CASE("the QR code and barcode of a rendered receipt scan back to their data") {
  Page page = print_and_render(generic_80mm());
  check_codes(page);
  // The title (double size Hanzi, 48 dots high) has ink; the margins beside it do not.
  CHECK(printer_test::ink(page, 24, 0, 552, 48) > 2000);
}

TEST_CASE("the raster QR fallback scans the same") {
  Profile p = generic_80mm();
  p.native_qr = false;
  check_codes(print_and_render(p));
}

TEST_CASE("a 512-dot printer without a Hanzi font still shows the Chinese text") {
  Profile p = generic_80mm();
  p.dots = 512;
  p.hanzi_mode = false;
  p.gb_level = GbLevel::none;
  Page page = print_and_render(p);
  CHECK(page.width == 512);
  check_codes(page);
  CHECK(printer_test::ink(page, 0, 0, 512, 48) > 2000);
}

TEST_CASE("PC850 box drawing and accented letters print without an empty box") {
  // ESC t 2 (PC850) after FS . : ┌──┐ │é│ └──┘ ═ ║ ░ and Ä ñ ß, then a rule of 48 ─.
  std::string line_rule(48, '\xC4');
  auto bytes = printer_test::hex(
      "1B 40 1C 2E 1B 74 02 DA C4 C4 BF 0A B3 82 B3 0A C0 C4 C4 D9 0A CD BA B0 20 8E A4 E1 0A");
  auto rule = printer_test::bytes_of(line_rule + "\n");
  bytes.insert(bytes.end(), rule.begin(), rule.end());
  std::vector<std::string> warnings;
  std::vector<char32_t> missing;
  auto pages = render(bytes, InterpreterOptions::from(generic_80mm()), &warnings, &missing);
  REQUIRE(pages.size() == 1);
  CHECK(warnings.empty());
  CHECK(missing.empty());
  CHECK(printer_test::count_tofu(pages[0], 12, 24) == 0);
  int full_rows = 0;
  for (int y = 0; y < pages[0].height; ++y)
    full_rows += printer_test::longest_run(pages[0], y) == 576;
  CHECK(full_rows == 2);  // the light rule: 2 dots thick, unbroken across 48 cells
}
