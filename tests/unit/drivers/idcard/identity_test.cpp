// Decoding the 256-byte text block of all four card types, and the pitfalls of
// reference/idcard.md §6.2 that live there (4 长期, 5 truncation and tables, 8 card type by
// byte 248, 13 charset), plus the number checks of §4.
#include <string>

#include <catch2/catch.hpp>

#include "drivers/idcard/card_file.h"
#include "drivers/idcard/identity.h"

using namespace drivers::idcard;

namespace {
std::string cards_dir() {
  return std::string(KIOSK_SOURCE_DIR) + "/assets/demo/cards/";
}

Identity decode_fixture(const std::string& file) {
  auto card = load_card_fixture(cards_dir() + file);
  REQUIRE(card);
  auto id = decode_identity(card->data.text);
  REQUIRE(id);
  return *id;
}

Identity decode_text(const std::string& fixture_text) {
  auto card = parse_card_fixture(fixture_text, "inline");
  REQUIRE(card);
  auto id = decode_identity(card->data.text);
  REQUIRE(id);
  return *id;
}

const std::string kResident =
    "type = resident\nname = 张伟\nsex = 1\nnation = 01\nbirth = 19850317\n"
    "address = 北京市\nnumber = 110105198503172314\nissuer = 北京市公安局\n"
    "valid_from = 20150601\nvalid_to = 20350601\n";
}  // namespace

TEST_CASE("a resident card decodes every field") {
  auto id = decode_fixture("01-resident.card");
  CHECK(id.card_type == CardType::resident);
  CHECK(id.name == "张伟");
  CHECK(id.sex == Sex::male);
  CHECK(id.nation_code == "01");
  CHECK(id.nation == "汉");
  CHECK(format_date(id.birth_date) == "1985-03-17");
  CHECK(id.address == "北京市朝阳区建国路88号院3号楼2单元1101号");
  CHECK(id.id_number == "110105198503172314");
  CHECK(id.issuer == "北京市公安局朝阳分局");
  CHECK(format_date(id.valid_from) == "2015-06-01");
  CHECK(format_expiry(id.valid_to) == "2035-06-01");
  CHECK(id.id_number_valid);
  CHECK(id.problems.empty());
  CHECK_FALSE(id.expired(Date{2026, 1, 1}));
  CHECK(id.name_en.empty());
}

TEST_CASE("a Hong Kong / Macau / Taiwan residence permit ('J') decodes") {
  auto id = decode_fixture("02-hk-permit.card");
  CHECK(id.card_type == CardType::hk_mo_tw_permit);
  CHECK(id.name == "陈嘉欣");
  CHECK(id.sex == Sex::female);
  CHECK(id.nation.empty());
  CHECK(id.id_number == "810000199408230021");
  CHECK(id.pass_number == "H12345678");
  CHECK(id.issue_count == "01");
  CHECK(id.id_number_valid);
  auto tw = decode_fixture("09-tw-permit.card");
  CHECK(tw.id_number == "830000199201300022");
  CHECK(tw.id_number_valid);
}

TEST_CASE("an old foreigner permanent-residence card ('I') decodes, inner spaces kept") {
  auto id = decode_fixture("03-foreign-2017.card");
  CHECK(id.card_type == CardType::foreign_permanent);
  CHECK(id.name_en == "IVANOVA ANNA SERGEYEVNA");  // pitfall 5: not cut at the first space
  CHECK(id.name == "安娜");
  CHECK(id.sex == Sex::female);
  CHECK(id.id_number == "KAZ110090123105");
  CHECK(id.nationality == "KAZ");
  CHECK(format_date(id.birth_date) == "1990-12-31");
  CHECK(id.card_version == "17");
  CHECK(id.issuer == "1100");
  CHECK(id.id_number_valid);
}

TEST_CASE("a 2023 foreigner card ('Y') joins its English name across the two fields") {
  auto id = decode_fixture("04-foreign-2023.card");
  CHECK(id.card_type == CardType::foreign_permanent_2023);
  CHECK(id.name == "华盛顿");
  // Character 35 is a space: trimming each half separately would lose it.
  CHECK(id.name_en == "FITZGERALD-WASHINGTON JAMES EDWARD SMITH");
  CHECK(id.address.empty());  // a resident parser would mislabel the English name as address
  CHECK(id.id_number == "911840198807040115");
  CHECK(id.nationality == "USA");
  CHECK(id.renewal_count == "00");
  CHECK(id.sex == Sex::male);
  CHECK(id.id_number_valid);
}

TEST_CASE("长期 expiry is a value, not a crash (pitfall 4)") {
  auto id = decode_fixture("05-resident-long-term.card");
  CHECK(id.valid_to.long_term);
  CHECK(format_expiry(id.valid_to) == "long-term");
  CHECK_FALSE(id.expired(Date{2999, 12, 31}));
  CHECK(id.nation == "维吾尔");
  CHECK(id.name == "古丽娜尔·买买提");
}

TEST_CASE("expiry is inclusive of the last day") {
  auto id = decode_fixture("06-resident-expired.card");
  CHECK(format_expiry(id.valid_to) == "2023-03-12");
  CHECK_FALSE(id.expired(Date{2023, 3, 12}));
  CHECK(id.expired(Date{2023, 3, 13}));
  CHECK(id.nation == "基诺");
}

TEST_CASE("a 15-character name comes out whole (pitfall 5)") {
  auto id = decode_fixture("07-resident-long-name.card");
  CHECK(id.name == "阿卜杜热合曼·买买提明·艾力江");
  CHECK(utf16_length(id.name) == 15);
  CHECK(id.id_number_valid);
}

TEST_CASE("a wrong check character makes the number invalid, not the card unreadable") {
  auto id = decode_fixture("08-resident-bad-check.card");
  CHECK_FALSE(id.id_number_valid);
  REQUIRE(id.problems.size() == 1);
  CHECK(id.problems[0].find("check character") != std::string::npos);
  CHECK(id.name == "刘建国");
}

TEST_CASE("every demo card decodes") {
  auto cards = load_card_fixtures(cards_dir());
  REQUIRE(cards);
  CHECK(cards->size() >= 8);
  for (const auto& card : *cards) {
    INFO(card.path.string());
    CHECK(decode_identity(card.data.text));
  }
}

TEST_CASE("the card type comes from byte 248, not from the content (pitfall 8)") {
  // An 'I' card whose number field starts with a digit (what Miaxis' heuristic looks at).
  auto id = decode_text(
      "type = I\nname_en = DOE JOHN\nsex = 1\nnumber = 123110090123105\nnationality = USA\n"
      "valid_from = 20170801\nvalid_to = 20270801\nbirth = 19901231\n");
  CHECK(id.card_type == CardType::foreign_permanent);
  CHECK_FALSE(id.id_number_valid);

  auto card = parse_card_fixture(kResident, "inline");
  REQUIRE(card);
  auto text = card->data.text;
  text[248] = 'Q';
  auto unknown = decode_identity(text);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message.find("card type") != std::string::npos);
  CHECK_FALSE(decode_identity(std::span(text).first(255)));
}

TEST_CASE("the nation table is complete and spelled right (pitfall 5)") {
  const char* expected[] = {"汉",       "蒙古",   "回",     "藏",   "维吾尔", "苗",     "彝",
                            "壮",       "布依",   "朝鲜",   "满",   "侗",     "瑶",     "白",
                            "土家",     "哈尼",   "哈萨克", "傣",   "黎",     "傈僳",   "佤",
                            "畲",       "高山",   "拉祜",   "水",   "东乡",   "纳西",   "景颇",
                            "柯尔克孜", "土",     "达斡尔", "仫佬", "羌",     "布朗",   "撒拉",
                            "毛南",     "仡佬",   "锡伯",   "阿昌", "普米",   "塔吉克", "怒",
                            "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",   "裕固",   "京",
                            "塔塔尔",   "独龙",   "鄂伦春", "赫哲", "门巴",   "珞巴",   "基诺"};
  for (int code = 1; code <= 56; ++code) {
    char buf[3] = {static_cast<char>('0' + code / 10), static_cast<char>('0' + code % 10), 0};
    INFO(buf);
    REQUIRE(nation_name(buf));
    CHECK(*nation_name(buf) == expected[code - 1]);
  }
  CHECK(*nation_name("46") == "德昂");  // not 德昴
  CHECK(*nation_name("97") == "其他");
  CHECK(*nation_name("98") == "外国血统中国籍人士");
  CHECK_FALSE(nation_name("00"));
  CHECK_FALSE(nation_name("57"));
  CHECK_FALSE(nation_name("1"));

  std::string unknown = kResident;
  unknown.replace(unknown.find("nation = 01"), 11, "nation = 59");
  auto id = decode_text(unknown);
  CHECK(id.nation == "其他 (code 59)");
  CHECK(id.nation_code == "59");
}

TEST_CASE("ICAO check digits match the published vectors") {
  CHECK(icao_check_digit("KAZ11009012310") == '5');
  CHECK(icao_check_digit("kaz11009012310") == '\0');
}

TEST_CASE("sex and birth date are cross-checked against the number") {
  std::string wrong_sex = kResident;
  wrong_sex.replace(wrong_sex.find("sex = 1"), 7, "sex = 2");
  auto a = decode_text(wrong_sex);
  CHECK(a.sex == Sex::female);
  CHECK_FALSE(a.id_number_valid);
  CHECK(a.problems.at(0).find("sex") != std::string::npos);

  std::string wrong_birth = kResident;
  wrong_birth.replace(wrong_birth.find("birth = 19850317"), 16, "birth = 19850318");
  auto b = decode_text(wrong_birth);
  CHECK_FALSE(b.id_number_valid);
  CHECK(b.problems.at(0).find("birth") != std::string::npos);

  std::string lower_x = kResident;
  lower_x.replace(lower_x.find("110105198503172314"), 18, "11010519491231002x");
  CHECK_FALSE(decode_text(lower_x).id_number_valid);

  auto not_hk = decode_text(
      "type = J\nname = 某\nsex = 2\nbirth = 19940823\nnumber = 110105199408230025\n"
      "valid_from = 20230115\nvalid_to = 20280115\n");
  CHECK_FALSE(not_hk.id_number_valid);

  auto foreign_wrong_sex = decode_text(
      "type = I\nname_en = A B\nsex = 1\nnumber = KAZ110090123105\nnationality = KAZ\n"
      "valid_from = 20170801\nvalid_to = 20270801\nbirth = 19901231\n");
  CHECK_FALSE(foreign_wrong_sex.id_number_valid);
}

TEST_CASE("a date field that is not a date is an error that says which") {
  std::string bad = kResident;
  bad.replace(bad.find("birth = 19850317"), 16, "birth = 19850230");
  auto card = parse_card_fixture(bad, "inline");
  REQUIRE(card);
  auto id = decode_identity(card->data.text);
  REQUIRE_FALSE(id);
  CHECK(id.error().message.find("birth date") != std::string::npos);
  CHECK(parse_date("20000229"));
  CHECK_FALSE(parse_date("19000229"));
  CHECK_FALSE(parse_date("2000022"));
  CHECK_FALSE(parse_date("20001301"));
}

TEST_CASE("UTF-16LE to UTF-8 trims trailing spaces only and keeps rare characters (pitfall 13)") {
  auto enc = utf8_to_utf16le("  A B  ");
  CHECK(utf16le_to_utf8(enc) == "  A B");
  // 䶮 (U+4DAE, a name character outside GBK's common set) and 𠀀 (U+20000, a surrogate pair).
  CHECK(utf16le_to_utf8(utf8_to_utf16le("刘䶮𠀀")) == "刘䶮𠀀");
  const std::uint8_t lone_surrogate[] = {0x00, 0xD8, 0x41, 0x00};
  CHECK(utf16le_to_utf8(lone_surrogate) ==
        "\xEF\xBF\xBD"
        "A");
  const std::uint8_t odd[] = {0x41, 0x00, 0x42};
  CHECK(utf16le_to_utf8(odd) == "A");
  CHECK(utf16le_to_utf8({}) == "");
}

TEST_CASE("wipe zeroes the personal fields") {
  auto id = decode_fixture("01-resident.card");
  id.wipe();
  CHECK(id.name.empty());
  CHECK(id.id_number.empty());
  CHECK(id.address.empty());
  CHECK(id.birth_date == Date{});
}

TEST_CASE("card_type_name and sex_name give the JSON words") {
  CHECK(card_type_name(CardType::resident) == "resident");
  CHECK(card_type_name(CardType::hk_mo_tw_permit) == "hk_mo_tw_permit");
  CHECK(card_type_name(CardType::foreign_permanent) == "foreign_permanent");
  CHECK(card_type_name(CardType::foreign_permanent_2023) == "foreign_permanent_2023");
  CHECK(sex_name(Sex::unknown) == "unknown");
}
