// GS k as a printer draws it: height (GS h), module width (GS w), HRI position (GS H), check
// digits, UPC-E in every length Epson accepts, and refusals a person can act on. Also: the
// generator streams render the same when they arrive one byte at a time.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <fmt/core.h>

#include "drivers/printer/interpreter.h"
#include "printer_test_support.h"

using namespace drivers::printer;
using printer_test::bytes_of;
using printer_test::hex;

namespace {

std::vector<std::uint8_t> cat(std::vector<std::uint8_t> a, const std::vector<std::uint8_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// GS h h, GS w w, GS H hri, GS k m n data (length-prefixed form), LF.
std::vector<std::uint8_t> barcode(int m, const std::string& data, int height = 80, int module = 2,
                                  int hri = 0) {
  auto out = hex(fmt::format("1D 68 {:02X} 1D 77 {:02X} 1D 48 {:02X} 1D 6B {:02X} {:02X}", height,
                             module, hri, m, data.size()));
  return cat(cat(out, bytes_of(data)), hex("0A"));
}

struct Rendered {
  std::vector<Page> pages;
  std::vector<std::string> warnings;
};

Rendered draw(const std::vector<std::uint8_t>& bytes) {
  Rendered r;
  r.pages = render(bytes, InterpreterOptions{}, &r.warnings);
  return r;
}

// Rows and columns holding ink.
struct Extent {
  int top = -1, bottom = -1, left = -1, right = -1;
};
Extent extent(const Page& page, int y0 = 0, int y1 = -1) {
  Extent e;
  if (y1 < 0) y1 = page.height;
  for (int y = y0; y < y1; ++y) {
    for (int x = 0; x < page.width; ++x) {
      if (!page.black(x, y)) continue;
      if (e.top < 0) e.top = y;
      e.bottom = y;
      if (e.left < 0 || x < e.left) e.left = x;
      e.right = std::max(e.right, x);
    }
  }
  return e;
}

// Widths of the bars and spaces between the first and last bar of row y.
std::set<int> element_widths(const Page& page, int y) {
  std::set<int> widths;
  Extent e = extent(page, y, y + 1);
  int run = 1;
  for (int x = e.left + 1; x <= e.right + 1; ++x) {
    if (x <= e.right && page.black(x, y) == page.black(x - 1, y)) {
      ++run;
    } else {
      widths.insert(run);
      run = 1;
    }
  }
  return widths;
}

int rows_with_ink(const Page& page) {
  int rows = 0;
  for (int y = 0; y < page.height; ++y)
    rows += printer_test::ink(page, 0, y, page.width, y + 1) > 0;
  return rows;
}

}  // namespace

TEST_CASE("GS h sets the bar height and GS w the module width of an EAN-13") {
  auto r = draw(barcode(67, "4006381333931", 80, 3));
  REQUIRE(r.pages.size() == 1);
  CHECK(r.warnings.empty());
  const Page& page = r.pages[0];
  Extent e = extent(page);
  CHECK(e.bottom - e.top + 1 == 80);
  CHECK(rows_with_ink(page) == 80);
  CHECK(e.right - e.left + 1 == 95 * 3);  // 95 modules, first and last are bars
  CHECK(*element_widths(page, e.top).begin() == 3);
  CHECK(*element_widths(page, e.top).rbegin() == 4 * 3);
  auto symbols = printer_test::scan(page);
  REQUIRE(symbols.size() == 1);
  CHECK(symbols[0].data == "4006381333931");
}

TEST_CASE("GS H puts the human-readable digits below, above, both or nowhere") {
  auto bars_and_text = [](int hri) {
    auto r = draw(barcode(68, "9638507", 60, 2, hri));
    REQUIRE(r.pages.size() == 1);
    const Page& page = r.pages[0];
    // The bars: the run of identical rows around the row with the most ink.
    auto row = [&](int y) {
      return std::vector<std::uint8_t>(page.dots.begin() + y * page.width,
                                       page.dots.begin() + (y + 1) * page.width);
    };
    int densest = 0;
    for (int y = 0; y < page.height; ++y) {
      if (printer_test::ink(page, 0, y, page.width, y + 1) >
          printer_test::ink(page, 0, densest, page.width, densest + 1)) {
        densest = y;
      }
    }
    int first_bar = densest;
    int last_bar = densest;
    while (first_bar > 0 && row(first_bar - 1) == row(densest)) --first_bar;
    while (last_bar + 1 < page.height && row(last_bar + 1) == row(densest)) ++last_bar;
    CHECK(last_bar - first_bar + 1 == 60);
    return std::pair{printer_test::ink(page, 0, 0, page.width, first_bar) > 0,
                     printer_test::ink(page, 0, last_bar + 1, page.width, page.height) > 0};
  };
  CHECK(bars_and_text(0) == std::pair{false, false});
  CHECK(bars_and_text(1) == std::pair{true, false});
  CHECK(bars_and_text(2) == std::pair{false, true});
  CHECK(bars_and_text(3) == std::pair{true, true});
  CHECK(bars_and_text(50) == std::pair{false, true});  // "2" as an ASCII digit
}

TEST_CASE("UPC-E from 6, 7, 8, 11 and 12 digits is the same symbol") {
  // 0 425261 stands for UPC-A 0 42100 00526, check digit 4.
  for (std::string data : {"425261", "0425261", "04252614", "04210000526", "042100005264"}) {
    INFO(data);
    auto r = draw(barcode(66, data));
    CHECK(r.warnings.empty());
    REQUIRE(r.pages.size() == 1);
    auto symbols = printer_test::scan(r.pages[0]);
    REQUIRE(symbols.size() == 1);
    CHECK(symbols[0].type == "UPC-E");
    CHECK(symbols[0].data == "04252614");
  }
}

TEST_CASE("wide elements of CODE39, ITF and CODABAR follow Epson's ratio for GS w") {
  for (auto [module, wide] : {std::pair{2, 5}, std::pair{3, 8}}) {
    for (auto [m, data] :
         {std::pair{69, "KIOSK"}, std::pair{70, "123456"}, std::pair{71, "A123B"}}) {
      INFO("m " << m << " module " << module);
      auto r = draw(barcode(m, data, 40, module));
      REQUIRE(r.pages.size() == 1);
      CHECK(element_widths(r.pages[0], extent(r.pages[0]).top) == std::set<int>{module, wide});
      CHECK(printer_test::scan(r.pages[0]).size() == 1);
    }
  }
}

TEST_CASE("barcodes a printer cannot print are refused with the reason and draw nothing") {
  struct Case {
    int m;
    std::string data;
    std::string reason;
  };
  for (const auto& c :
       {Case{67, "4006381333932", "check digit 2, not 1"},
        Case{65, "12345", "needs 11 or 12 digits"}, Case{66, "12345678901", "no UPC-E"},
        Case{69, "lower", "cannot encode 'l'"}, Case{71, "1234", "start and stop"},
        Case{73, "no-set", "{A, {B or {C"}, Case{74, "0123", "type 74"}}) {
    INFO(c.m << " " << c.data);
    auto r = draw(barcode(c.m, c.data));
    CHECK(r.pages.empty());
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find(c.reason) != std::string::npos);
  }
}

TEST_CASE("a barcode wider than the paper is refused, not clipped") {
  auto r = draw(barcode(69, "ABCDEFGHIJKLMNOP", 40, 6));
  CHECK(r.pages.empty());
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].find("wider than the print area") != std::string::npos);
}

TEST_CASE("generator streams render the same when they arrive one byte at a time") {
  auto folder = std::filesystem::path(KIOSK_SOURCE_DIR) / "tests/unit/drivers/printer/fixtures";
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".bin") continue;
    INFO(entry.path().filename().string());
    std::ifstream in(entry.path(), std::ios::binary);
    std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in),
                                    std::istreambuf_iterator<char>()};
    auto whole = render(bytes, InterpreterOptions{});
    Interpreter trickle;
    for (std::uint8_t b : bytes) trickle.feed(std::span(&b, 1));
    trickle.finish();
    auto pages = trickle.take_pages();
    REQUIRE(pages.size() == whole.size());
    for (std::size_t i = 0; i < pages.size(); ++i) CHECK(pages[i].dots == whole[i].dots);
    ++checked;
  }
  CHECK(checked == 11);
}

TEST_CASE("a job that ends inside GS ( L / GS 8 L data leaves nothing behind for the next") {
  Interpreter interpreter;
  // GS 8 L fn 112: 16 x 2 dots (4 bytes) announced with 6 data bytes; only 2 arrive.
  interpreter.feed(hex("1D 38 4C 10 00 00 00 30 70 30 01 01 31 10 00 02 00 FF FF"));
  interpreter.finish();
  CHECK(interpreter.take_pages().empty());
  REQUIRE_FALSE(interpreter.warnings().empty());
  CHECK(interpreter.warnings().back().find("ended inside a command") != std::string::npos);
  // The next job: an 8 x 1 image stored and printed (GS ( L fn 112, fn 50), then a barcode.
  std::size_t warnings_before = interpreter.warning_count();
  interpreter.feed(hex("1D 28 4C 0B 00 30 70 30 01 01 31 08 00 01 00 FF 1D 28 4C 02 00 30 32"));
  interpreter.feed(barcode(68, "9638507"));
  interpreter.finish();
  CHECK(interpreter.warning_count() == warnings_before);
  auto pages = interpreter.take_pages();
  REQUIRE(pages.size() == 1);
  CHECK(printer_test::longest_run(pages[0], 0) == 8);
  auto symbols = printer_test::scan(pages[0]);
  REQUIRE(symbols.size() == 1);
  CHECK(symbols[0].data == "96385074");
}
