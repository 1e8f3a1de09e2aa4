// The claim receipt prints the right Chinese text, not merely some ink. The expected lines
// are encoded to GB18030 with the C library's iconv, never with the printer driver's own
// codec, and looked for in the ESC/POS stream as whole lines ending in LF. Two lines are
// also drawn by the virtual printer from a hand-written stream (ESC @, FS &, the iconv bytes,
// LF) and found pixel for pixel on the rendered receipt.
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "drivers/printer/encoder.h"
#include "drivers/printer/interpreter.h"
#include "kiosk/receipts/claim_receipt.h"

using namespace kiosk::receipts;
namespace dp = drivers::printer;

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes gb18030(std::string_view utf8) {
  iconv_t cd = ::iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string in(utf8);
  Bytes out(in.size() * 4 + 4);
  char* src = in.data();
  std::size_t src_left = in.size();
  char* dst = reinterpret_cast<char*>(out.data());
  std::size_t dst_left = out.size();
  std::size_t done = ::iconv(cd, &src, &src_left, &dst, &dst_left);
  ::iconv_close(cd);
  REQUIRE(done != static_cast<std::size_t>(-1));
  REQUIRE(src_left == 0);
  out.resize(out.size() - dst_left);
  return out;
}

// Printed width in Font A columns: an ASCII character takes one, anything else two.
int columns_of(std::string_view utf8) {
  int n = 0;
  for (unsigned char c : utf8) {
    if (c < 0x80)
      n += 1;
    else if ((c & 0xC0) != 0x80)
      n += 2;  // a lead byte
  }
  return n;
}

// LABEL at the left edge, VALUE flush with the right edge of a LINE_COLUMNS-wide line.
std::string two_sides(std::string_view label, std::string_view value, int line_columns = 48) {
  int gap = line_columns - columns_of(label) - columns_of(value);
  REQUIRE(gap >= 1);
  return std::string(label) + std::string(static_cast<std::size_t>(gap), ' ') + std::string(value);
}

bool contains(const Bytes& haystack, const Bytes& needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

// The line as it sits in the stream: the previous command or line ends before it, LF ends it.
Bytes line_bytes(std::string_view utf8) {
  Bytes b = gb18030(utf8);
  b.push_back(0x0A);
  return b;
}

Bytes encoded_receipt(const kiosk::core::Claim& claim, const ClaimReceiptOptions& options = {}) {
  auto encoded = dp::encode(claim_receipt(claim, options), dp::generic_80mm());
  REQUIRE(encoded);
  CHECK(encoded->unprintable.empty());
  return encoded->bytes;
}

// The first y where the TOP rows of LINE's page equal the receipt's rows, or -1.
int find_band(const dp::Page& receipt, const dp::Page& line, int rows) {
  REQUIRE(line.width == receipt.width);
  REQUIRE(line.height >= rows);
  const auto w = static_cast<std::size_t>(receipt.width);
  auto first = line.dots.begin();
  auto last = first + static_cast<std::ptrdiff_t>(w * static_cast<std::size_t>(rows));
  REQUIRE(std::any_of(first, last, [](std::uint8_t d) { return d != 0; }));
  for (int y = 0; y + rows <= receipt.height; ++y) {
    auto at = receipt.dots.begin() + static_cast<std::ptrdiff_t>(w * static_cast<std::size_t>(y));
    if (std::equal(first, last, at)) return y;
  }
  return -1;
}

}  // namespace

TEST_CASE("the receipt's stream holds the GB18030 bytes of every expected line") {
  auto claim = sample_claim();
  const Bytes bytes = encoded_receipt(claim, {.upload = UploadState::submitted});

  // The iconv table agrees with GB 18030 itself on a few codes written out by hand:
  // 张 D5 C5, 名 C3 FB, 㛃 (outside GBK) 82 30 B7 31.
  CHECK(gb18030("张") == Bytes{0xD5, 0xC5});
  CHECK(gb18030("名") == Bytes{0xC3, 0xFB});
  CHECK(gb18030("㛃") == Bytes{0x82, 0x30, 0xB7, 0x31});

  for (std::string line : {
           std::string("职工服务中心"),
           std::string("职工医疗互助金"),
           std::string("申报回执"),
           two_sides("申报编号", "3F2A9C1B"),
           two_sides("申报时间", "2024-03-05 14:30:00"),
           two_sides("终端编号", "GH-0001"),
           two_sides("流水号", "000123"),
           two_sides("姓名", "张**"),
           two_sides("身份证号", "110101********1234"),
           two_sides("所属工会", "市第一机床厂工会"),
           two_sides("医保结算单", "个人负担(元)"),
           two_sides("首都医科大学附属北京朝阳医院", "5,456.78"),
           two_sides("北京协和医院", "345.80"),
           two_sides("个人负担合计", "5,802.58"),
           two_sides("预计互助金", "2,227.21"),
           two_sides("上传状态", "已提交"),
           std::string("工作人员扫码可查询、补打本申报"),
           std::string("职工服务中心 · 谢谢！"),
       }) {
    INFO(line);
    CHECK(contains(bytes, line_bytes(line)));
  }
  // Personal data in full is nowhere in the stream, in any encoding the printer could use.
  for (std::string_view secret :
       {"张三丰", "三丰", "110101199003071234", "13812345678", "6222021234567890123"}) {
    INFO(secret);
    CHECK_FALSE(contains(bytes, gb18030(secret)));
  }
}

TEST_CASE("the pending and reprint wording is printed in GB18030") {
  const Bytes bytes =
      encoded_receipt(sample_claim(), {.upload = UploadState::pending, .reprint = true});
  CHECK(contains(bytes, line_bytes(two_sides("上传状态", "待上传"))));
  CHECK(contains(bytes, line_bytes("（补打）")));
  CHECK_FALSE(contains(bytes, gb18030("已提交")));
}

TEST_CASE("the lines on the rendered receipt are the pixels of the expected text") {
  auto claim = sample_claim();
  const Bytes receipt_bytes = encoded_receipt(claim);
  auto options = dp::InterpreterOptions::from(dp::generic_80mm());
  auto pages = dp::render(receipt_bytes, options);
  REQUIRE(pages.size() == 1);
  const dp::Page& receipt = pages[0];

  // ESC @ (initialise), FS & (Hanzi mode on), ESC E n (bold), the text, LF: written from the
  // ESC/POS command set, not with the driver's encoder.
  enum class Weight { regular, bold };
  auto drawn = [&](const std::string& line, Weight weight) {
    Bytes stream{0x1B,
                 0x40,
                 0x1C,
                 0x26,
                 0x1B,
                 0x45,
                 weight == Weight::bold ? std::uint8_t{1} : std::uint8_t{0}};
    Bytes text = line_bytes(line);
    stream.insert(stream.end(), text.begin(), text.end());
    auto page = dp::render(stream, options);
    REQUIRE(page.size() == 1);
    return page[0];
  };
  const std::pair<std::string, Weight> lines[] = {
      {two_sides("申报编号", "3F2A9C1B"), Weight::bold},
      {two_sides("申报时间", "2024-03-05 14:30:00"), Weight::regular},
      {two_sides("终端编号", "GH-0001"), Weight::regular},
      {two_sides("姓名", "张**"), Weight::regular},
      {two_sides("身份证号", "110101********1234"), Weight::regular},
      {two_sides("所属工会", "市第一机床厂工会"), Weight::regular},
      {two_sides("首都医科大学附属北京朝阳医院", "5,456.78"), Weight::regular},
      {two_sides("个人负担合计", "5,802.58"), Weight::regular},
      {two_sides("预计互助金", "2,227.21"), Weight::bold},
      {two_sides("上传状态", "待上传"), Weight::bold},
  };
  for (const auto& [line, weight] : lines) {
    INFO(line);
    CHECK(find_band(receipt, drawn(line, weight), options.hanzi.height) >= 0);
  }
  // And the unmasked name, drawn the same way, is not on the paper.
  CHECK(find_band(receipt, drawn(two_sides("姓名", "张三丰"), Weight::regular),
                  options.hanzi.height) < 0);
}
