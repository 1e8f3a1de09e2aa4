// Text blocks written from the specification's field tables (reference/idcard.md §3.1-3.4),
// byte offset by byte offset, and decoded. Nothing here goes through the driver's layout table
// or its UTF-8 -> UTF-16 encoder: offsets are literals copied from the tables, text is written
// as UTF-16LE code units by the compiler (u"...") or as hex bytes, so a wrong offset, length or
// byte order in the driver makes these fail even where fixture round trips agree with it.
// The last case holds the demo fixtures (what the simulator serves) to the same bytes.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "drivers/idcard/card_file.h"
#include "drivers/idcard/identity.h"

using namespace drivers::idcard;

namespace {

using Block = std::array<std::uint8_t, 256>;

// §3.1: unused positions are spaces, U+0020 = `20 00`.
Block blank_block() {
  Block b{};
  for (std::size_t i = 0; i < b.size(); i += 2) {
    b[i] = 0x20;
    b[i + 1] = 0x00;
  }
  return b;
}

// Writes TEXT as UTF-16LE at byte OFFSET; FIELD_BYTES is the table's width, checked so a
// vector cannot spill into the next field.
void put(Block& b, std::size_t offset, std::size_t field_bytes, std::u16string_view text) {
  REQUIRE(text.size() * 2 <= field_bytes);
  REQUIRE(offset + field_bytes <= b.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    b[offset + 2 * i] = static_cast<std::uint8_t>(text[i] & 0xFF);
    b[offset + 2 * i + 1] = static_cast<std::uint8_t>(text[i] >> 8);
  }
}

// Raw bytes at OFFSET, for fields written out in hex.
void put_bytes(Block& b, std::size_t offset, std::initializer_list<std::uint8_t> bytes) {
  REQUIRE(offset + bytes.size() <= b.size());
  std::size_t i = offset;
  for (auto byte : bytes) b[i++] = byte;
}

Identity decode(const Block& b) {
  auto id = decode_identity(b);
  INFO((id ? std::string() : id.error().message));
  REQUIRE(id);
  return *id;
}

}  // namespace

TEST_CASE("spec vector: resident card (layout A, blank type flag)", "[idcard][spec]") {
  Block b = blank_block();
  // 0, 30 bytes: name 张伟. 张 U+5F20, 伟 U+4F1F, written as bytes.
  put_bytes(b, 0, {0x20, 0x5F, 0x1F, 0x4F});
  put(b, 30, 2, u"1");                         // sex: male
  put_bytes(b, 32, {0x30, 0x00, 0x35, 0x00});  // nation "05" = 维吾尔
  put(b, 36, 16, u"19850317");                 // birth
  put(b, 52, 70, u"北京市朝阳区建国路88号院3号楼2单元1101号");
  put(b, 122, 36, u"110105198503172314");
  put(b, 158, 30, u"北京市公安局朝阳分局");
  put(b, 188, 16, u"20150601");
  // 204, 16 bytes: 长期 = U+957F U+671F, then space padding.
  put_bytes(b, 204, {0x7F, 0x95, 0x1F, 0x67});
  // 248: blank type flag (already `20 00`).
  REQUIRE(b[248] == 0x20);
  REQUIRE(b[249] == 0x00);

  auto id = decode(b);
  CHECK(id.card_type == CardType::resident);
  CHECK(id.name == "张伟");
  CHECK(id.sex == Sex::male);
  CHECK(id.nation_code == "05");
  CHECK(id.nation == "维吾尔");
  CHECK(id.birth_date == Date{1985, 3, 17});
  CHECK(id.address == "北京市朝阳区建国路88号院3号楼2单元1101号");
  CHECK(id.id_number == "110105198503172314");
  CHECK(id.issuer == "北京市公安局朝阳分局");
  CHECK(id.valid_from == Date{2015, 6, 1});
  CHECK(id.valid_to.long_term);
  CHECK(id.name_en.empty());
  CHECK(id.pass_number.empty());
  CHECK(id.id_number_valid);
  CHECK(id.problems.empty());
}

TEST_CASE("spec vector: resident card with every field filled to its width", "[idcard][spec]") {
  // A field read one character short or one long shows up as a lost or an extra character.
  Block b = blank_block();
  put(b, 0, 30, u"阿卜杜热合曼买买提明艾力江古丽");  // 15 characters
  put(b, 30, 2, u"2");
  put(b, 32, 4, u"56");
  put(b, 36, 16, u"19790315");
  // 35 characters of address.
  put(b, 52, 70, u"新疆维吾尔自治区乌鲁木齐市天山区解放南路一二三号四五六单元七八九室甲乙");
  put(b, 122, 36, u"440301197903151245");
  put(b, 158, 30, u"新疆乌鲁木齐市公安局天山分局甲");  // 15 characters
  put(b, 188, 16, u"20050101");
  put(b, 204, 16, u"20250101");

  auto id = decode(b);
  CHECK(id.name == "阿卜杜热合曼买买提明艾力江古丽");
  CHECK(id.sex == Sex::female);
  CHECK(id.nation == "基诺");
  CHECK(id.address == "新疆维吾尔自治区乌鲁木齐市天山区解放南路一二三号四五六单元七八九室甲乙");
  CHECK(id.id_number == "440301197903151245");
  CHECK(id.issuer == "新疆乌鲁木齐市公安局天山分局甲");
  CHECK(id.valid_from == Date{2005, 1, 1});
  CHECK_FALSE(id.valid_to.long_term);
  CHECK(id.valid_to.date == Date{2025, 1, 1});
  CHECK(id.id_number_valid);
}

TEST_CASE("spec vector: Hong Kong residence permit (layout A, 'J')", "[idcard][spec]") {
  Block b = blank_block();
  put(b, 0, 30, u"陈嘉欣");
  put(b, 30, 2, u"2");
  // 32, 4 bytes: reserved (blank) on a permit.
  put(b, 36, 16, u"19940823");
  put(b, 52, 70, u"广东省深圳市福田区");
  put(b, 122, 36, u"810000199408230021");
  put(b, 158, 30, u"深圳市公安局");
  put(b, 188, 16, u"20230115");
  put(b, 204, 16, u"20280115");
  put(b, 220, 18, u"H12345678");    // pass number, 9 characters
  put(b, 238, 4, u"03");            // issue count
  put_bytes(b, 248, {0x4A, 0x00});  // 'J'

  auto id = decode(b);
  CHECK(id.card_type == CardType::hk_mo_tw_permit);
  CHECK(id.name == "陈嘉欣");
  CHECK(id.sex == Sex::female);
  CHECK(id.nation.empty());
  CHECK(id.birth_date == Date{1994, 8, 23});
  CHECK(id.address == "广东省深圳市福田区");
  CHECK(id.id_number == "810000199408230021");
  CHECK(id.issuer == "深圳市公安局");
  CHECK(id.valid_to.date == Date{2028, 1, 15});
  CHECK(id.pass_number == "H12345678");
  CHECK(id.issue_count == "03");
  CHECK(id.id_number_valid);
}

TEST_CASE("spec vector: old foreigner permanent-residence card (layout B, 'I')", "[idcard][spec]") {
  Block b = blank_block();
  put(b, 0, 120, u"IVANOVA ANNA SERGEYEVNA");  // English name, inner spaces
  put(b, 120, 2, u"2");                        // sex: female
  put(b, 122, 30, u"KAZ110090123105");         // 15-character number
  put(b, 152, 6, u"KAZ");                      // nationality, alpha-3
  // 158, 30 bytes: Chinese name 安娜 = U+5B89 U+5A1C.
  put_bytes(b, 158, {0x89, 0x5B, 0x1C, 0x5A});
  put(b, 188, 16, u"20170801");     // issue date
  put(b, 204, 16, u"20270801");     // expiry date
  put(b, 220, 16, u"19901231");     // birth date
  put(b, 236, 4, u"17");            // card version
  put(b, 240, 8, u"1100");          // issuing authority code
  put_bytes(b, 248, {0x49, 0x00});  // 'I'

  auto id = decode(b);
  CHECK(id.card_type == CardType::foreign_permanent);
  CHECK(id.name_en == "IVANOVA ANNA SERGEYEVNA");
  CHECK(id.name == "安娜");
  CHECK(id.sex == Sex::female);
  CHECK(id.id_number == "KAZ110090123105");
  CHECK(id.nationality == "KAZ");
  CHECK(id.valid_from == Date{2017, 8, 1});
  CHECK(id.valid_to.date == Date{2027, 8, 1});
  CHECK(id.birth_date == Date{1990, 12, 31});
  CHECK(id.card_version == "17");
  CHECK(id.issuer == "1100");
  CHECK(id.address.empty());
  CHECK(id.nation.empty());
  CHECK(id.id_number_valid);
  CHECK(id.problems.empty());
}

TEST_CASE("spec vector: 'I' card with every field filled to its width", "[idcard][spec]") {
  Block b = blank_block();
  // 60 characters of English name, the last one a letter so trimming cannot hide a short read.
  const std::u16string_view name_en =
      u"ABCDEFGHIJ KLMNOPQRST UVWXYZABCD EFGHIJKLMN OPQRSTUVWX YZABC";
  REQUIRE(name_en.size() == 60);
  put(b, 0, 120, name_en);
  put(b, 120, 2, u"1");
  put(b, 122, 30, u"GBR310000022813");
  put(b, 152, 6, u"GBR");
  put(b, 158, 30, u"一二三四五六七八九十甲乙丙丁戊");  // 15 characters
  put(b, 188, 16, u"20040229");
  put(b, 204, 16, u"20340228");
  put(b, 220, 16, u"20000228");
  put(b, 236, 4, u"04");
  put(b, 240, 8, u"3100");
  put_bytes(b, 248, {0x49, 0x00});
  put(b, 250, 6, u"ZZZ");  // reserved: must not leak into any field

  auto id = decode(b);
  CHECK(id.name_en == "ABCDEFGHIJ KLMNOPQRST UVWXYZABCD EFGHIJKLMN OPQRSTUVWX YZABC");
  CHECK(id.sex == Sex::male);
  CHECK(id.id_number == "GBR310000022813");
  CHECK(id.nationality == "GBR");
  CHECK(id.name == "一二三四五六七八九十甲乙丙丁戊");
  CHECK(id.valid_from == Date{2004, 2, 29});
  CHECK(id.valid_to.date == Date{2034, 2, 28});
  CHECK(id.birth_date == Date{2000, 2, 28});
  CHECK(id.card_version == "04");
  CHECK(id.issuer == "3100");
  CHECK(id.id_number_valid);
}

TEST_CASE("spec vector: 2023 foreigner permanent-residence card (layout C, 'Y')",
          "[idcard][spec]") {
  Block b = blank_block();
  put(b, 0, 30, u"华盛顿");
  put(b, 30, 2, u"1");
  put(b, 32, 4, u"00");         // renewal count
  put(b, 36, 16, u"19880704");  // birth date
  // English name, 40 characters: 1-35 at 52, 36-40 at 220. Character 35 is a space.
  const std::u16string_view name_en = u"FITZGERALD-WASHINGTON JAMES EDWARD SMITH";
  REQUIRE(name_en.size() == 40);
  REQUIRE(name_en[34] == u' ');
  put(b, 52, 70, name_en.substr(0, 35));
  put(b, 122, 36, u"911840198807040115");  // 18-character number
  // 158, 30 bytes: reserved.
  put(b, 188, 16, u"20230601");
  put(b, 204, 16, u"20330601");
  put(b, 220, 22, name_en.substr(35));
  put(b, 242, 6, u"USA");           // country/region code
  put_bytes(b, 248, {0x59, 0x00});  // 'Y'
  put(b, 250, 6, u"B12");           // link to the previous card's number

  auto id = decode(b);
  CHECK(id.card_type == CardType::foreign_permanent_2023);
  CHECK(id.name == "华盛顿");
  CHECK(id.sex == Sex::male);
  CHECK(id.renewal_count == "00");
  CHECK(id.birth_date == Date{1988, 7, 4});
  CHECK(id.name_en == "FITZGERALD-WASHINGTON JAMES EDWARD SMITH");
  CHECK(id.id_number == "911840198807040115");
  CHECK(id.valid_from == Date{2023, 6, 1});
  CHECK(id.valid_to.date == Date{2033, 6, 1});
  CHECK(id.nationality == "USA");
  CHECK(id.previous_number == "B12");
  CHECK(id.address.empty());  // bytes 52-121 are the English name here, not an address
  CHECK(id.issuer.empty());
  CHECK(id.id_number_valid);
  CHECK(id.problems.empty());
}

TEST_CASE("spec vector: 'Y' card with both English name parts full", "[idcard][spec]") {
  Block b = blank_block();
  put(b, 0, 30, u"一二三四五六七八九十甲乙丙丁戊");
  put(b, 30, 2, u"2");
  put(b, 32, 4, u"12");
  put(b, 36, 16, u"19750203");
  // 46 characters: 35 + 11, no trailing space in either part.
  const std::u16string_view name_en = u"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRST";
  REQUIRE(name_en.size() == 46);
  put(b, 52, 70, name_en.substr(0, 35));
  put(b, 122, 36, u"922156197502030224");
  put(b, 158, 30, u"RESERVEDRESERVE");  // reserved: ignored
  put(b, 188, 16, u"20240101");
  put(b, 204, 16, u"20340101");
  put(b, 220, 22, name_en.substr(35));
  put(b, 242, 6, u"156");
  put_bytes(b, 248, {0x59, 0x00});
  put(b, 250, 6, u"XYZ");

  auto id = decode(b);
  CHECK(id.name == "一二三四五六七八九十甲乙丙丁戊");
  CHECK(id.sex == Sex::female);
  CHECK(id.renewal_count == "12");
  CHECK(id.name_en == "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRST");
  CHECK(id.id_number == "922156197502030224");
  CHECK(id.nationality == "156");
  CHECK(id.previous_number == "XYZ");
  CHECK(id.birth_date == Date{1975, 2, 3});
  CHECK(id.id_number_valid);
}

TEST_CASE("spec vector: a 'Y' block read with layout A would give other fields", "[idcard][spec]") {
  // The note under §3.4: the same bytes with a blank flag decode as a resident card whose
  // address is the English name. Guards that the flag at 248, not the content, picks the layout.
  Block b = blank_block();
  put(b, 0, 30, u"华盛顿");
  put(b, 30, 2, u"1");
  put(b, 36, 16, u"19880704");
  put(b, 52, 70, u"JAMES SMITH");
  put(b, 122, 36, u"911840198807040115");
  put(b, 188, 16, u"20230601");
  put(b, 204, 16, u"20330601");
  put(b, 242, 6, u"USA");
  put_bytes(b, 248, {0x59, 0x00});
  auto as_y = decode(b);
  CHECK(as_y.name_en == "JAMES SMITH");
  CHECK(as_y.address.empty());

  put_bytes(b, 248, {0x20, 0x00});
  auto as_resident = decode(b);
  CHECK(as_resident.card_type == CardType::resident);
  CHECK(as_resident.address == "JAMES SMITH");
  CHECK(as_resident.name_en.empty());
}

TEST_CASE("the demo fixtures are encoded to the spec's bytes, not only to what decodes back",
          "[idcard][spec]") {
  // The simulator serves what card_file.cpp encodes, through the same layout table the
  // decoder uses; a wrong offset there would round-trip unnoticed. Compare whole blocks.
  auto fixture = [](const char* file) {
    auto card = load_card_fixture(std::string(KIOSK_SOURCE_DIR) + "/assets/demo/cards/" + file);
    REQUIRE(card);
    return card->data.text;
  };

  Block resident = blank_block();
  put(resident, 0, 30, u"张伟");
  put(resident, 30, 2, u"1");
  put(resident, 32, 4, u"01");
  put(resident, 36, 16, u"19850317");
  put(resident, 52, 70, u"北京市朝阳区建国路88号院3号楼2单元1101号");
  put(resident, 122, 36, u"110105198503172314");
  put(resident, 158, 30, u"北京市公安局朝阳分局");
  put(resident, 188, 16, u"20150601");
  put(resident, 204, 16, u"20350601");
  CHECK(fixture("01-resident.card") == resident);

  Block permit = blank_block();
  put(permit, 0, 30, u"陈嘉欣");
  put(permit, 30, 2, u"2");
  put(permit, 36, 16, u"19940823");
  put(permit, 52, 70, u"广东省深圳市福田区福华路100号");
  put(permit, 122, 36, u"810000199408230021");
  put(permit, 158, 30, u"深圳市公安局");
  put(permit, 188, 16, u"20230115");
  put(permit, 204, 16, u"20280115");
  put(permit, 220, 18, u"H12345678");
  put(permit, 238, 4, u"01");
  put_bytes(permit, 248, {0x4A, 0x00});
  CHECK(fixture("02-hk-permit.card") == permit);

  Block foreign = blank_block();
  put(foreign, 0, 120, u"IVANOVA ANNA SERGEYEVNA");
  put(foreign, 120, 2, u"2");
  put(foreign, 122, 30, u"KAZ110090123105");
  put(foreign, 152, 6, u"KAZ");
  put(foreign, 158, 30, u"安娜");
  put(foreign, 188, 16, u"20170801");
  put(foreign, 204, 16, u"20270801");
  put(foreign, 220, 16, u"19901231");
  put(foreign, 236, 4, u"17");
  put(foreign, 240, 8, u"1100");
  put_bytes(foreign, 248, {0x49, 0x00});
  CHECK(fixture("03-foreign-2017.card") == foreign);

  Block foreign_2023 = blank_block();
  put(foreign_2023, 0, 30, u"华盛顿");
  put(foreign_2023, 30, 2, u"1");
  put(foreign_2023, 32, 4, u"00");
  put(foreign_2023, 36, 16, u"19880704");
  put(foreign_2023, 52, 70, u"FITZGERALD-WASHINGTON JAMES EDWARD ");  // characters 1-35
  put(foreign_2023, 122, 36, u"911840198807040115");
  put(foreign_2023, 188, 16, u"20230901");
  put(foreign_2023, 204, 16, u"20330901");
  put(foreign_2023, 220, 22, u"SMITH");  // characters 36-40
  put(foreign_2023, 242, 6, u"USA");
  put_bytes(foreign_2023, 248, {0x59, 0x00});
  CHECK(fixture("04-foreign-2023.card") == foreign_2023);
}
