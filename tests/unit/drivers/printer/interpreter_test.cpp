#include <catch2/catch.hpp>

#include "drivers/printer/interpreter.h"
#include "printer_test_support.h"

using namespace drivers::printer;
using printer_test::bytes_of;
using printer_test::hex;
using printer_test::ink;

namespace {
std::vector<Page> pages_of(const std::vector<std::uint8_t>& bytes, std::vector<std::string>* w = nullptr) {
  return render(bytes, InterpreterOptions{}, w);
}
std::vector<std::uint8_t> join(std::vector<std::uint8_t> a, const std::vector<std::uint8_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
}  // namespace

TEST_CASE("one pixel per dot: a line of text is 576 wide and one line spacing high") {
  auto pages = pages_of(bytes_of("Hello\n"));
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].width == 576);
  CHECK(pages[0].height == 30);
  CHECK(ink(pages[0], 0, 0, 60, 24) > 50);    // five 12-dot cells
  CHECK(ink(pages[0], 61, 0, 576, 30) == 0);
}

TEST_CASE("Hanzi take 24 dots, GB18030 4-byte sequences decode too") {
  auto pages = pages_of(hex("1C 26 D6 D0 CE C4 81 30 81 30 0A"));  // 中文 + U+0080 (4-byte)
  REQUIRE(pages.size() == 1);
  CHECK(ink(pages[0], 0, 0, 24, 24) > 40);
  CHECK(ink(pages[0], 24, 0, 48, 24) > 40);
  CHECK(ink(pages[0], 72, 0, 576, 30) == 0);
  // Outside Hanzi mode the same bytes are code page characters, 12 dots each.
  auto single = pages_of(hex("1C 2E D6 D0 0A"));
  REQUIRE(single.size() == 1);
  CHECK(ink(single[0], 24, 0, 576, 30) == 0);
}

TEST_CASE("alignment, margins and absolute positions move the text") {
  auto centred = pages_of(hex("1B 61 01 41 0A"));
  REQUIRE(centred.size() == 1);
  CHECK(ink(centred[0], 282, 0, 294, 24) > 0);
  CHECK(ink(centred[0], 0, 0, 282, 30) == 0);
  auto right = pages_of(hex("1B 61 32 41 0A"));  // ASCII '2' form of the parameter
  CHECK(ink(right[0], 564, 0, 576, 24) > 0);
  auto margin = pages_of(hex("1D 4C 64 00 41 0A"));  // GS L 100
  CHECK(ink(margin[0], 0, 0, 100, 30) == 0);
  CHECK(ink(margin[0], 100, 0, 112, 24) > 0);
  auto absolute = pages_of(hex("41 1B 24 2C 01 42 0A"));  // ESC $ 300
  CHECK(ink(absolute[0], 12, 0, 300, 30) == 0);
  CHECK(ink(absolute[0], 300, 0, 312, 24) > 0);
}

TEST_CASE("GS ! doubles cells, ESC 3 sets line spacing, GS B reverses") {
  auto big = pages_of(hex("1D 21 11 41 0A"));
  CHECK(big[0].height == 48);
  CHECK(ink(big[0], 0, 0, 24, 48) > 100);
  auto spaced = pages_of(hex("1B 33 50 41 0A 41 0A"));
  CHECK(spaced[0].height == 160);
  auto reversed = pages_of(hex("1D 42 01 20 0A"));
  CHECK(ink(reversed[0], 0, 0, 12, 24) == 12 * 24);
}

TEST_CASE("GS v 0 raster images are drawn dot for dot") {
  auto pages = pages_of(hex("1D 76 30 00 01 00 02 00 80 01"));
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].height == 2);
  CHECK(pages[0].black(0, 0));
  CHECK_FALSE(pages[0].black(1, 0));
  CHECK(pages[0].black(7, 1));
  CHECK(ink(pages[0], 0, 0, 576, 2) == 2);
}

TEST_CASE("a cut ends a page, text after it starts the next") {
  auto pages = pages_of(join(bytes_of("A\n"), join(hex("1D 56 42 00"), bytes_of("B\n"))));
  CHECK(pages.size() == 2);
  auto legacy = pages_of(join(bytes_of("A\n"), hex("1B 69")));
  CHECK(legacy.size() == 1);
}

TEST_CASE("a stream split anywhere renders the same as in one piece") {
  auto stream = hex("1B 40 1C 26 1B 61 01 1D 21 11 D6 D0 0A 1D 21 00 1D 28 6B 04 00 31 41 32 00 "
                    "1D 28 6B 03 00 31 43 04 1D 28 6B 06 00 31 50 30 41 42 43 "
                    "1D 28 6B 03 00 31 51 30 1D 76 30 00 01 00 02 00 FF 81 0A");
  auto whole = pages_of(stream);
  REQUIRE(whole.size() == 1);
  for (std::size_t chunk : {1u, 2u, 3u, 7u}) {
    Interpreter interpreter;
    for (std::size_t i = 0; i < stream.size(); i += chunk) {
      interpreter.feed(std::span(stream).subspan(i, std::min(chunk, stream.size() - i)));
    }
    interpreter.finish();
    auto pages = interpreter.take_pages();
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].dots == whole[0].dots);
  }
}

TEST_CASE("unknown commands are skipped with a warning naming their bytes") {
  std::vector<std::string> warnings;
  auto pages = pages_of(hex("1B 8F 41 1D F0 42 0A"), &warnings);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].find("1B 8F") != std::string::npos);
  CHECK(warnings[1].find("1D F0") != std::string::npos);
  REQUIRE(pages.size() == 1);
  CHECK(ink(pages[0], 0, 0, 24, 24) > 0);  // A and B still printed
}

TEST_CASE("a job that ends inside a command is reported, not crashed on") {
  std::vector<std::string> warnings;
  auto pages = pages_of(join(bytes_of("A\n"), hex("1D 76 30 00 10 00 10 00 FF")), &warnings);
  REQUIRE_FALSE(warnings.empty());
  CHECK(warnings.back().find("ended inside a command") != std::string::npos);
  CHECK(pages.size() == 1);
}

TEST_CASE("status queries are answered from the printer state") {
  std::vector<std::uint8_t> replies;
  Interpreter interpreter({}, [&](std::span<const std::uint8_t> r) {
    replies.insert(replies.end(), r.begin(), r.end());
  });
  auto queries = hex("10 04 01 10 04 02 10 04 03 10 04 04");
  interpreter.feed(queries);
  CHECK(replies == hex("12 12 12 12"));
  replies.clear();
  interpreter.set_state({.paper = Paper::out, .cover_open = true, .cutter_error = true});
  interpreter.feed(queries);
  CHECK(decode_status({replies[0], replies[1], replies[2], replies[3]}).paper == Paper::out);
  CHECK(replies == hex("1A 76 1A 7E"));
  replies.clear();
  interpreter.set_state({.paper = Paper::near_end});
  interpreter.feed(hex("10 04 04 1D 72 01"));
  CHECK(replies == hex("1E 03"));
}

TEST_CASE("NUL padding after an aborted command is harmless") {
  std::vector<std::uint8_t> stream = hex("1B 33");  // waiting for n
  stream.insert(stream.end(), 64, 0x00);
  stream.push_back('A');
  stream.push_back('\n');
  std::vector<std::string> warnings;
  auto pages = pages_of(stream, &warnings);
  CHECK(warnings.empty());
  REQUIRE(pages.size() == 1);
}

TEST_CASE("pages longer than the limit are cut off with a warning") {
  InterpreterOptions options;
  options.max_page_dots = 100;
  std::vector<std::uint8_t> stream;
  for (int i = 0; i < 20; ++i) stream.insert(stream.end(), {'A', '\n'});
  std::vector<std::string> warnings;
  auto pages = render(stream, options, &warnings);
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].height == 100);
  CHECK_FALSE(warnings.empty());
}

TEST_CASE("PNG output starts with the PNG signature") {
  auto pages = pages_of(bytes_of("A\n"));
  auto png = encode_png(pages[0]);
  REQUIRE(png.size() > 8);
  CHECK(std::vector<std::uint8_t>(png.begin(), png.begin() + 4) == hex("89 50 4E 47"));
  auto bad = write_png(pages[0], "/nonexistent-folder/x.png");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("/nonexistent-folder") != std::string::npos);
}

TEST_CASE("font B cells are 9 dots wide and 17 high, ESC ! selects it too") {
  auto b = pages_of(hex("1B 4D 01 41 41 0A"));
  REQUIRE(b.size() == 1);
  CHECK(ink(b[0], 0, 0, 18, 17) > 0);
  CHECK(ink(b[0], 18, 0, 576, 30) == 0);
  CHECK(ink(b[0], 0, 17, 576, 30) == 0);
  auto mode = pages_of(hex("1B 21 01 41 41 0A"));
  CHECK(ink(mode[0], 18, 0, 576, 30) == 0);
}
