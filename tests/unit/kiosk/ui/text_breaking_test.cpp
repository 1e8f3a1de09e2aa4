#include "kiosk/ui/text_breaking.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace kiosk::ui;

namespace {
// A monospace model: every wide (CJK) character is 2 units, everything else 1, so a
// width of 2N holds N Chinese characters.
float advance(char32_t cp) {
  return cp >= 0x2E80 || cp == U'…' || cp == U'—' || cp == U'“' || cp == U'”' ? 2.0f : 1.0f;
}

std::vector<std::string> wrap(std::string_view text, float width) {
  std::vector<std::string> out;
  for (const LineSpan& line : break_lines(text, width, advance)) {
    out.emplace_back(text.substr(line.begin, line.end - line.begin));
  }
  return out;
}

using Lines = std::vector<std::string>;
}  // namespace

TEST_CASE("CJK text breaks between any two characters when nothing forbids it") {
  CHECK(wrap("请将身份证放在读卡区", 8) == Lines{"请将身份", "证放在读", "卡区"});
  CHECK(wrap("请将身份证", 10) == Lines{"请将身份证"});
  CHECK(wrap("请将身份证", 9.9f) == Lines{"请将身份", "证"});
}

TEST_CASE("empty text has no lines and a newline always breaks") {
  CHECK(wrap("", 10).empty());
  CHECK(wrap("第一行\n第二行", 100) == Lines{"第一行", "第二行"});
  CHECK(wrap("甲\n\n乙", 100) == Lines{"甲", "", "乙"});
  CHECK(wrap("甲\n", 100) == Lines{"甲"});
}

TEST_CASE("closing punctuation never starts a line") {
  // The full stop would land alone on the next line: the character before goes with it.
  CHECK(wrap("请取走凭条。", 10) == Lines{"请取走凭", "条。"});
  for (const char* mark :
       {"，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "】", "》", "〉", "”", "…"}) {
    const std::string text = std::string("一二三四") + mark + "五";
    INFO(text);
    const Lines lines = wrap(text, 8);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[1].rfind(mark, 0) != 0);
    CHECK(lines[0] == "一二三");
  }
  // Two closing marks in a row both stay off the line start, and the opening quote
  // goes down with what it opens.
  CHECK(wrap("他说“好。”然后", 10) == Lines{"他说", "“好。”然", "后"});
}

TEST_CASE("ASCII closing punctuation never starts a line either") {
  CHECK(wrap("共三张!", 6) == Lines{"共三", "张!"});
  CHECK(wrap("见第二页)", 8) == Lines{"见第二", "页)"});
}

TEST_CASE("opening marks never end a line") {
  CHECK(wrap("请阅读《承诺书》", 8) == Lines{"请阅读", "《承诺", "书》"});
  CHECK(wrap("金额（元）", 6) == Lines{"金额", "（元）"});
  for (const char* mark : {"（", "「", "『", "【", "《", "〈", "“"}) {
    const std::string text = std::string("一二三") + mark + "四五";
    INFO(text);
    const Lines lines = wrap(text, 8);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "一二三");
  }
}

TEST_CASE("a number stays with its unit, with or without a space") {
  CHECK(wrap("共打印3张", 8) == Lines{"共打印", "3张"});
  CHECK(wrap("报销金额1,234.56 元", 16) == Lines{"报销金额", "1,234.56 元"});
  CHECK(wrap("本次共计 3 张", 11) == Lines{"本次共计", "3 张"});
  CHECK(wrap("比例为60%", 8) == Lines{"比例为", "60%"});
  CHECK(wrap("¥12.00元", 7) == Lines{"¥12.00", "元"});  // too narrow: cut, but never "¥" alone
}

TEST_CASE("dates and IDs are never split") {
  CHECK(wrap("就诊日期2026-11-29", 12) == Lines{"就诊日期", "2026-11-29"});
  CHECK(wrap("申报号KC-2026-000123已保存", 16) == Lines{"申报号", "KC-2026-000123已", "保存"});
  CHECK(wrap("日期2026年11月29日", 14) == Lines{"日期", "2026年11月29日"});
  // A number alone is kept whole even when it follows a space.
  CHECK(wrap("卡号 6222021234567890128", 22) == Lines{"卡号", "6222021234567890128"});
}

TEST_CASE("ellipsis and dash pairs stay whole") {
  CHECK(wrap("正在上传……", 10) == Lines{"正在上", "传……"});
  CHECK(wrap("服务中心——职工", 10) == Lines{"服务中心", "——职工"});
}

TEST_CASE("Latin text breaks only at spaces and spaces do not start lines") {
  CHECK(wrap("Put your ID card on the reader", 12) ==
        Lines{"Put your ID", "card on the", "reader"});
  CHECK(wrap("hello   world", 7) == Lines{"hello", "world"});
  CHECK(wrap("   padded", 20) == Lines{"padded"});
}

TEST_CASE("a word wider than the line is cut rather than overflowing forever") {
  CHECK(wrap("abcdefghij", 4) == Lines{"abcd", "efgh", "ij"});
  CHECK(wrap("一", 1) == Lines{"一"});  // one glyph wider than the line still shows
}

TEST_CASE("a closing mark with nowhere to go hangs past the edge") {
  CHECK(wrap("好。", 2) == Lines{"好。"});
  CHECK(wrap("abcd,", 4) == Lines{"abcd,"});
}

TEST_CASE("mixed Chinese and Latin break between them") {
  CHECK(wrap("请选择English界面", 12) == Lines{"请选择", "English界面"});
  CHECK(wrap("访问example.com查询", 14) == Lines{"访问", "example.com查", "询"});
}

TEST_CASE("line widths exclude trailing spaces and spans index the original bytes") {
  const std::string text = "ab cd";
  auto lines = break_lines(text, 3, advance);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].width == 2.0f);
  CHECK(lines[0].begin == 0);
  CHECK(lines[0].end == 2);
  CHECK(lines[1].begin == 3);
  CHECK(lines[1].width == 2.0f);
  auto cjk = break_lines("中文", 100, advance);
  REQUIRE(cjk.size() == 1);
  CHECK(cjk[0].end == 6);
  CHECK(cjk[0].width == 4.0f);
}

TEST_CASE("invalid UTF-8 is carried through without stalling") {
  const std::string text =
      "ab\xff\xfe"
      "cd";
  auto lines = break_lines(text, 100, advance);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].end == text.size());
  const std::string truncated = "中\xe6\x96";
  CHECK(break_lines(truncated, 100, advance).back().end == truncated.size());
}

TEST_CASE("break opportunities follow the rules one pair at a time") {
  CHECK(may_break_between(0, U'中', U'文'));
  CHECK_FALSE(may_break_between(0, U'中', U'。'));
  CHECK_FALSE(may_break_between(0, U'（', U'中'));
  CHECK(may_break_between(0, U'中', U'（'));
  CHECK(may_break_between(0, U'。', U'中'));
  CHECK_FALSE(may_break_between(0, U'a', U'b'));
  CHECK_FALSE(may_break_between(0, U'1', U'元'));
  CHECK_FALSE(may_break_between(U'1', U' ', U'元'));
  CHECK(may_break_between(U'a', U' ', U'b'));
  CHECK_FALSE(may_break_between(0, U'a', U' '));
  CHECK_FALSE(may_break_between(U'6', U'年', U'1'));
  CHECK(may_break_between(U'新', U'年', U'1'));
  CHECK_FALSE(may_break_between(0, U'—', U'—'));
  CHECK(may_break_between(0, U'元', U'1'));
}

TEST_CASE("no line is wider than the limit unless a single glyph or a hanging mark is") {
  const std::string text =
      "职工医疗互助金申报：请核对结算单（共3张，合计1,234.56 元），确认无误后签名。"
      "Sign below, then press 确认 to submit KC-2026-000123.";
  for (float width = 6; width <= 60; width += 1) {
    INFO(width);
    std::string joined;
    for (const LineSpan& line : break_lines(text, width, advance)) {
      const std::string_view s(text.data() + line.begin, line.end - line.begin);
      const bool hangs = s.ends_with("，") || s.ends_with("。") || s.ends_with("）") ||
                         s.ends_with(".") || s.ends_with(",");
      if (!hangs) CHECK(line.width <= width);
      for (const char* mark : {"，", "。", "）", "：", ",", "."}) CHECK_FALSE(s.starts_with(mark));
      CHECK_FALSE(s.ends_with("（"));
      CHECK_FALSE(s.starts_with(" "));
      joined += s;
    }
    // Nothing but spaces is lost.
    std::string compact;
    for (char c : text)
      if (c != ' ') compact += c;
    std::string joined_compact;
    for (char c : joined)
      if (c != ' ') joined_compact += c;
    CHECK(joined_compact == compact);
  }
}
