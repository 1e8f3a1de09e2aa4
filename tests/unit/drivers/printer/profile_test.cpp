#include <catch2/catch.hpp>

#include "drivers/printer/profile.h"

using namespace drivers::printer;

namespace {
const std::filesystem::path kProfiles = std::filesystem::path(KIOSK_SOURCE_DIR) / "assets/printers";
}

TEST_CASE("the generic 80 mm profile is the default") {
  Profile p = generic_80mm();
  CHECK(p.id == "generic-80mm");
  CHECK(p.dots == 576);
  CHECK(p.columns() == 48);
  CHECK(p.hanzi_mode);
  CHECK(p.native_qr);
}

TEST_CASE("every shipped profile loads and the generic file matches the built-in default") {
  auto profiles = load_profiles(kProfiles);
  REQUIRE(profiles);
  REQUIRE(profiles->size() >= 4);
  for (const auto& p : *profiles) {
    INFO(p.id);
    CHECK((p.dots == 576 || p.dots == 512));
  }
  auto generic = find_profile(kProfiles, "generic-80mm");
  REQUIRE(generic);
  CHECK(*generic == generic_80mm());
  auto epson = find_profile(kProfiles, "epson-tm-t88");
  REQUIRE(epson);
  CHECK(epson->columns() == 42);
  CHECK(epson->gb_level == GbLevel::none);
  CHECK_FALSE(epson->hanzi_mode);
}

TEST_CASE("profile values are parsed") {
  auto p = parse_profile(R"(
id = "t"
dots = 512
[chinese]
gb_level = "gb2312"
[features]
native_qr = false
cut = "full"
line_spacing = 32
[status]
dle_eot = [1, 4]
gs_r = false
)", "t.toml");
  REQUIRE(p);
  CHECK(p->dots == 512);
  CHECK(p->gb_level == GbLevel::gb2312);
  CHECK_FALSE(p->native_qr);
  CHECK(p->cut == CutKind::full);
  CHECK(p->line_spacing == 32);
  CHECK(p->status_queries == std::vector<int>{1, 4});
  CHECK_FALSE(p->answers_gs_r);
}

TEST_CASE("bad profiles are refused with a message naming the problem") {
  auto no_id = parse_profile("dots = 576", "a.toml");
  REQUIRE_FALSE(no_id);
  CHECK(no_id.error().message.find("'id'") != std::string::npos);
  auto dots = parse_profile("id = \"x\"\ndots = 577", "b.toml");
  REQUIRE_FALSE(dots);
  CHECK(dots.error().message.find("multiple of 8") != std::string::npos);
  auto level = parse_profile("id = \"x\"\n[chinese]\ngb_level = \"big5\"", "c.toml");
  REQUIRE_FALSE(level);
  CHECK(level.error().message.find("big5") != std::string::npos);
  auto syntax = parse_profile("id = \n", "d.toml");
  REQUIRE_FALSE(syntax);
  CHECK(syntax.error().message.find("d.toml") != std::string::npos);
  auto missing = find_profile(kProfiles, "no-such-printer");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("no-such-printer") != std::string::npos);
}
