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
  auto pages = render(encoded->bytes, InterpreterOptions::from(profile), &warnings);
  CHECK(warnings.empty());
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
