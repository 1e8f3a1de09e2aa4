#include <catch2/catch.hpp>

#include "drivers/printer/text.h"

using namespace drivers::printer;

TEST_CASE("columns: ASCII one, everything printed with the Hanzi font two") {
  CHECK(text_columns("abc") == 3);
  CHECK(text_columns("张三") == 4);
  CHECK(text_columns("¥12") == 4);
  CHECK(text_columns("a\tb") == 2);
  CHECK(text_columns("") == 0);
}

TEST_CASE("wrapping never splits a character and fills lines") {
  auto lines = wrap_text("职工服务中心欢迎您", 8);
  CHECK(lines == std::vector<std::string>{"职工服务", "中心欢迎", "您"});
  auto odd = wrap_text("职工服务", 5);  // 5 columns hold two Hanzi
  CHECK(odd == std::vector<std::string>{"职工", "服务"});
}

TEST_CASE("closing punctuation never starts a line") {
  auto lines = wrap_text("一二三四，五六", 8);
  CHECK(lines == std::vector<std::string>{"一二三", "四，五六"});
  auto two = wrap_text("一二三四。」五", 8);
  CHECK(two == std::vector<std::string>{"一二三", "四。」五"});
  for (const auto& line :
       wrap_text("这是一段很长的说明文字，用来检查自动换行。请妥善保管本回执。", 10)) {
    CHECK_FALSE(line.starts_with("，"));
    CHECK_FALSE(line.starts_with("。"));
  }
}

TEST_CASE("opening punctuation never ends a line") {
  auto lines = wrap_text("一二三（四五）", 8);
  CHECK(lines == std::vector<std::string>{"一二三", "（四五）"});
}

TEST_CASE("ASCII words break at spaces when they can") {
  auto lines = wrap_text("hello world again", 12);
  CHECK(lines == std::vector<std::string>{"hello world", "again"});
  auto long_word = wrap_text("abcdefghij", 4);
  CHECK(long_word == std::vector<std::string>{"abcd", "efgh", "ij"});
}

TEST_CASE("newlines start paragraphs and a too-narrow column still makes progress") {
  CHECK(wrap_text("a\nb", 10) == std::vector<std::string>{"a", "b"});
  CHECK(wrap_text("张", 1) == std::vector<std::string>{"张"});
  CHECK(wrap_text("", 10) == std::vector<std::string>{""});
}

TEST_CASE("padding counts display columns") {
  CHECK(pad_left("张", 4) == "  张");
  CHECK(pad_right("张", 4) == "张  ");
  CHECK(pad_left("toolong", 3) == "toolong");
}
