#include "headless_ui.h"

using namespace kiosk;
using namespace kiosk::ui;

TEST_CASE("every key exists in both languages", "[strings]") {
  auto catalogue = testing::load_catalogue();
  auto missing = catalogue.missing_keys();
  INFO("missing: " << (missing.empty() ? "" : missing.front()));
  CHECK(missing.empty());
  CHECK(catalogue.text("attract.prompt", core::Language::zh_CN) == "请将身份证放在读卡区");
}

TEST_CASE("the baked fonts have a glyph for every catalogue character", "[strings][fonts]") {
  auto catalogue = testing::load_catalogue();
  // The first-frame atlas: body, heading and display baked from the catalogue alone.
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920), BodyCoverage::app_text);
  for (auto language : {core::Language::zh_CN, core::Language::en}) {
    for (const auto& [key, text] : catalogue.entries(language)) {
      for (ImFont* font : {ui.fonts().body, ui.fonts().heading}) {
        auto missing = missing_glyphs(*font, text);
        INFO(key << " in " << to_string(language) << " at " << font->FontSize << " px");
        CHECK(missing.empty());
      }
    }
  }
  CHECK(missing_glyphs(*ui.fonts().display, "09:41").empty());
  // The check can fail: a character beyond ImWchar16, or one the catalogue never used.
  CHECK_FALSE(missing_glyphs(*ui.fonts().heading, "😀").empty());
  CHECK_FALSE(missing_glyphs(*ui.fonts().heading, "龘").empty());
}

TEST_CASE("the full body font shows names outside the common character list", "[fonts]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920), BodyCoverage::full_cjk);
  // 咨 and 馨 are missing from ImGui's "Common" range; 喆堃翀 are frequent in given names.
  CHECK(missing_glyphs(*ui.fonts().body, "咨询温馨提示 喆堃翀芃犇淼垚赟玥珺祎彧旻").empty());
  CHECK(ImGui::GetIO().Fonts->TexWidth <= 4096);
  CHECK(ImGui::GetIO().Fonts->TexHeight <= 4096);
}

TEST_CASE("a catalogue with a missing key is reported and shows the key", "[strings]") {
  auto catalogue = Catalogue::parse("[a]\nb = \"甲\"\nc = \"乙\"\n", "[a]\nb = \"A\"\n");
  REQUIRE(catalogue);
  auto missing = catalogue->missing_keys();
  REQUIRE(missing.size() == 1);
  CHECK(missing.front() == "en: a.c");
  CHECK(catalogue->text("a.c", core::Language::en) == "a.c");
}

TEST_CASE("a catalogue that is not TOML is refused with the place of the fault", "[strings]") {
  auto catalogue = Catalogue::parse("[a\nb = 1", "");
  REQUIRE_FALSE(catalogue);
  CHECK(catalogue.error().find("zh-CN.toml:") != std::string::npos);
  auto wrong_type = Catalogue::parse("[a]\nb = 3\n", "");
  REQUIRE_FALSE(wrong_type);
  CHECK(wrong_type.error().find("a.b: expected text") != std::string::npos);
}

TEST_CASE("a missing font falls back, then fails naming the package", "[fonts]") {
  auto fallback = FontFile::find_in({{"/nonexistent/NotoSansCJK-Regular.ttc", 2},
                                     {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0}});
  REQUIRE(fallback);
  CHECK(fallback->path().find("wqy") != std::string::npos);

  auto none = FontFile::find_in({{"/nonexistent/a.ttc", 2}, {"/nonexistent/b.ttc", 0}});
  REQUIRE_FALSE(none);
  CHECK(none.error().find("fonts-noto-cjk") != std::string::npos);
}
