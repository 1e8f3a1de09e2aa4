#include <catch2/catch.hpp>

#include "drivers/idcard/card_file.h"
#include "drivers/idcard/identity.h"

using namespace drivers::idcard;

TEST_CASE("fixture files place fields at their layout offsets, space padded") {
  auto card = parse_card_fixture("type = resident\nname = 张三\nbirth = 20000101\n", "t");
  REQUIRE(card);
  const auto& t = card->data.text;
  CHECK(t[0] == 0x20);  // 张 = U+5F20
  CHECK(t[1] == 0x5F);
  CHECK(t[4] == 0x20);  // padding
  CHECK(t[5] == 0x00);
  CHECK(t[36] == '2');
  CHECK(t[248] == ' ');
  CHECK(card->data.photo.size() == 1024);
  CHECK(card->data.fingerprint.empty());
  CHECK_FALSE(card->appended_address);
}

TEST_CASE("fixture files are checked with messages that name the line") {
  auto no_type = parse_card_fixture("name = 张三\n", "a.card");
  REQUIRE_FALSE(no_type);
  CHECK(no_type.error().message.find("type") != std::string::npos);

  auto unknown = parse_card_fixture("type = resident\ncolour = red\n", "b.card");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message.find("b.card:2") != std::string::npos);

  auto too_long = parse_card_fixture("type = resident\nname = 一二三四五六七八九十一二三四五六\n", "c");
  REQUIRE_FALSE(too_long);
  CHECK(too_long.error().message.find("room for 15") != std::string::npos);

  CHECK_FALSE(parse_card_fixture("type = resident\nname = a\nname = b\n", "d"));
  CHECK_FALSE(parse_card_fixture("type = X\n", "e"));
  CHECK_FALSE(parse_card_fixture("type = resident\njust words\n", "f"));
  CHECK_FALSE(load_card_fixture("/nonexistent.card"));
  CHECK_FALSE(load_card_fixtures("/nonexistent-dir"));
}

TEST_CASE("fixtures can carry fingerprints and an appended address") {
  auto card = parse_card_fixture(
      "type = resident\nfingerprints = 2\nphoto = zeros\nappended_address = 上海市\n", "t");
  REQUIRE(card);
  CHECK(card->data.fingerprint.size() == 1024);
  CHECK(card->data.fingerprint[5] == 11);
  CHECK(card->data.fingerprint[512 + 5] == 16);
  CHECK(card->data.photo == Bytes(1024, 0));
  REQUIRE(card->appended_address);
  CHECK(card->appended_address->size() == 70);
  CHECK(utf16le_to_utf8(*card->appended_address) == "上海市");
}
