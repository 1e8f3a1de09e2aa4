// Golden bytes: the encoder's output for each block, byte for byte.
#include <catch2/catch.hpp>

#include "drivers/printer/encoder.h"
#include "printer_test_support.h"

using namespace drivers::printer;
using printer_test::bytes_of;
using printer_test::hex;

namespace {

const std::vector<std::uint8_t> kPrologue =
    hex("1B 40 1B 4D 00 1B 20 00 1B 33 1E 1C 26 1C 53 00 00 1B 61 00 1D 21 00");
const std::vector<std::uint8_t> kPlain = hex("1B 61 00 1D 21 00 1B 45 00 1B 2D 00 1C 2D 00");

std::vector<std::uint8_t> body(const Document& doc, const Profile& profile = generic_80mm()) {
  auto encoded = encode(doc, profile);
  REQUIRE(encoded);
  auto prologue_bytes = prologue(profile);
  REQUIRE(encoded->bytes.size() >= prologue_bytes.size());
  REQUIRE(std::equal(prologue_bytes.begin(), prologue_bytes.end(), encoded->bytes.begin()));
  return {encoded->bytes.begin() + static_cast<std::ptrdiff_t>(prologue_bytes.size()),
          encoded->bytes.end()};
}

std::vector<std::uint8_t> cat(std::initializer_list<std::vector<std::uint8_t>> parts) {
  std::vector<std::uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace

TEST_CASE("the prologue resets the printer and enters Hanzi mode") {
  CHECK(prologue(generic_80mm()) == kPrologue);
  Profile ank = generic_80mm();
  ank.hanzi_mode = false;
  ank.gb_level = GbLevel::none;
  CHECK(prologue(ank) == hex("1B 40 1B 4D 00 1B 20 00 1B 33 1E 1B 61 00 1D 21 00"));
}

TEST_CASE("text is GB18030 after its style") {
  Document doc;
  doc.text("中文 A");
  CHECK(body(doc) == cat({kPlain, hex("D6 D0 CE C4 20 41 0A")}));
}

TEST_CASE("styles use ESC a, GS !, ESC E, ESC - and FS -") {
  Document doc;
  doc.text("X", {.bold = true, .double_width = true, .double_height = true, .underline = true},
           Align::center);
  CHECK(body(doc) == hex("1B 61 01 1D 21 11 1B 45 01 1B 2D 01 1C 2D 01 58 0A"));
  Document right;
  right.text("Y", {.double_height = true}, Align::right);
  CHECK(body(right) == hex("1B 61 02 1D 21 01 1B 45 00 1B 2D 00 1C 2D 00 59 0A"));
}

TEST_CASE("long text wraps at 48 columns, 24 when double width") {
  Document doc;
  doc.text(std::string(50, 'a'));
  CHECK(body(doc) == cat({kPlain, bytes_of(std::string(48, 'a') + "\n" + "aa\n")}));
  Document wide;
  wide.text(std::string(13, '1'), {.double_width = true});
  auto bytes = body(wide);
  CHECK(std::count(bytes.begin(), bytes.end(), 0x0A) == 1);  // 13 fit in 24 columns
}

TEST_CASE("a two-column row puts the value at the right edge") {
  Document doc;
  doc.row({"姓名", "张**"});
  std::vector<std::uint8_t> line = hex("D0 D5 C3 FB");
  line.insert(line.end(), 40, ' ');  // 4 + 39 padding + 1 gap + 4 = 48
  auto value = hex("D5 C5 2A 2A 0A");
  line.insert(line.end(), value.begin(), value.end());
  CHECK(body(doc) == cat({kPlain, line}));
}

TEST_CASE("a three-column row with fixed columns wraps the first cell inside its column") {
  Document doc;
  doc.row({"住院医疗费用个人负担", "1", "9.00"},
          {{0, Align::left}, {4, Align::right}, {10, Align::right}});
  // 48 = 32 + 1 + 4 + 1 + 10: the ten Hanzi (20 columns) fit in 32.
  auto bytes = body(doc);
  CHECK(std::count(bytes.begin(), bytes.end(), 0x0A) == 1);
  CHECK(bytes.size() == kPlain.size() + 20 + 12 + 1 + 4 + 1 + 10 + 1);
  CHECK(std::string(bytes.end() - 11, bytes.end()) == "      9.00\n");
}

TEST_CASE("a row whose columns do not fit is an error") {
  Document doc;
  doc.row({"a", "b"}, {{40, Align::left}, {10, Align::right}});
  auto encoded = encode(doc, generic_80mm());
  REQUIRE_FALSE(encoded);
  CHECK(encoded.error().message.find("columns") != std::string::npos);
}

TEST_CASE("separators fill the line") {
  Document doc;
  doc.separator();
  CHECK(body(doc) == cat({kPlain, bytes_of(std::string(48, '-') + "\n")}));
  Document wide;
  wide.separator(U'＝');
  auto bytes = body(wide);
  CHECK(bytes.size() == kPlain.size() + 24 * 2 + 1);
}

TEST_CASE("native QR: model 2, size, error correction, store, print") {
  Document doc;
  doc.qr("ABC", 6, QrEc::m);
  CHECK(body(doc) ==
        hex("1B 61 01 1B 4A 18 "
            "1D 28 6B 04 00 31 41 32 00 "
            "1D 28 6B 03 00 31 43 06 "
            "1D 28 6B 03 00 31 45 31 "
            "1D 28 6B 06 00 31 50 30 41 42 43 "
            "1D 28 6B 03 00 31 51 30 "
            "1B 4A 18"));
}

TEST_CASE("without native QR the code goes as a GS v 0 raster image in bands") {
  Profile p = generic_80mm();
  p.native_qr = false;
  p.image_band_rows = 64;
  Document doc;
  doc.qr("ABC", 4, QrEc::l);
  auto bytes = body(doc, p);
  // Version 1 is 21 modules + 8 quiet = 29 modules * 4 = 116 dots: 15 bytes wide, 2 bands.
  CHECK(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + 11) ==
        hex("1B 61 01 1D 76 30 00 0F 00 40 00"));
  CHECK(bytes.size() == 3 + 8 + 15 * 64 + 8 + 15 * 52);
}

TEST_CASE("CODE128 uses GS k 73 with code set B") {
  Document doc;
  doc.barcode("AB12", 80);
  CHECK(body(doc) == hex("1D 48 02 1D 66 00 1D 68 50 1D 77 02 1B 61 01 1D 6B 49 06 7B 42 41 42 31 32"));
  Document bad;
  bad.barcode("张");
  CHECK_FALSE(encode(bad, generic_80mm()));
}

TEST_CASE("feed and the profile's cut") {
  Document doc;
  doc.feed(3).cut();
  CHECK(body(doc) == hex("1B 64 03 1D 56 42 00"));
  Profile p = generic_80mm();
  p.cut = CutKind::full;
  Document full;
  full.cut();
  CHECK(body(full, p) == hex("1D 56 00"));
}

TEST_CASE("images are sent row-major, MSB first") {
  Document doc;
  doc.image({.width = 9, .height = 1, .dots = {1, 0, 0, 0, 0, 0, 0, 1, 1}, .align = Align::left});
  CHECK(body(doc) == hex("1B 61 00 1D 76 30 00 02 00 01 00 81 80"));
  Document too_wide;
  too_wide.image({.width = 600, .height = 1, .dots = std::vector<std::uint8_t>(600, 1)});
  CHECK_FALSE(encode(too_wide, generic_80mm()));
}

TEST_CASE("characters beyond the GB level are reported and sent as an image") {
  Profile p = generic_80mm();
  p.gb_level = GbLevel::gb2312;
  Document doc;
  doc.text("张堃");  // 堃 is GBK, not GB2312
  auto encoded = encode(doc, p);
  REQUIRE(encoded);
  CHECK(encoded->unprintable == std::vector<char32_t>{U'堃'});
  auto bytes = std::vector<std::uint8_t>(encoded->bytes.begin() + static_cast<std::ptrdiff_t>(kPrologue.size()),
                                         encoded->bytes.end());
  // Style, then a 48-dot (2 Hanzi) x 24 raster line and the rest of the line spacing.
  CHECK(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + 23) ==
        cat({kPlain, hex("1D 76 30 00 06 00 18 00")}));
  CHECK(std::vector<std::uint8_t>(bytes.end() - 3, bytes.end()) == hex("1B 4A 06"));

  Document fine;
  fine.text("张堃");
  auto gbk = encode(fine, generic_80mm());
  REQUIRE(gbk);
  CHECK(gbk->unprintable.empty());
}

TEST_CASE("a printer without a Hanzi font gets every Chinese line as an image") {
  Profile p = generic_80mm();
  p.hanzi_mode = false;
  p.gb_level = GbLevel::none;
  Document doc;
  doc.text("ABC").text("工会");
  auto encoded = encode(doc, p);
  REQUIRE(encoded);
  CHECK(encoded->unprintable == std::vector<char32_t>{U'工', U'会'});
}
