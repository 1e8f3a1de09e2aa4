// What the identified screen actually draws, read back from the rendered frame's vertices
// (drawn_text.h): the masked name, and none of the characters the mask hides.
#include <string>

#include "drawn_text.h"
#include "headless_ui.h"

using namespace kiosk;
using namespace kiosk::ui;
using namespace std::chrono_literals;

namespace {

// Renders one frame of the identified screen and returns the text it drew.
std::string identified_frame_text(testing::HeadlessUi& ui, core::Session& session) {
  REQUIRE(session.screen_if<core::screen::Menu>());
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  const ImDrawData* data = ImGui::GetDrawData();
  REQUIRE(data != nullptr);
  REQUIRE(data->Valid);
  return testing::drawn_text(*data, *ImGui::GetIO().Fonts);
}

core::Session identified_session(core::Identity identity, core::Language language) {
  core::Session session({90s, language});
  session.handle(core::device::CardRead{std::move(identity)}, core::TimePoint{});
  return session;
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the identified screen draws the masked Chinese name, never the hidden characters",
          "[ui][frame][masking]") {
  auto catalogue = testing::load_catalogue();
  // The whole CJK range is baked, so a hidden character that leaked would be drawn as itself
  // (and be found below), not as a '?' that would hide the leak.
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920), BodyCoverage::full_cjk);
  REQUIRE(missing_glyphs(*ui.fonts().body, "诸葛孔瑾").empty());

  core::Identity identity;
  identity.id_number_valid = true;
  identity.name = core::Secret("诸葛孔瑾");
  identity.id_number = core::Secret("110105198503172314");
  identity.address = core::Secret("北京市朝阳区建国路88号");
  auto session = identified_session(std::move(identity), core::Language::zh_CN);

  const std::string text = identified_frame_text(ui, session);
  INFO("drawn:\n" << text);
  // The reader works: the screen's own strings are there ("您好，" is the greeting's start;
  // the comma is a glyph, the space-less run keeps it next to the name).
  CHECK(has(text, "您好，诸***"));
  CHECK(has(text, catalogue.text("identified.home", core::Language::zh_CN)));
  for (std::string_view hidden : {"葛", "孔", "瑾"}) CHECK_FALSE(has(text, hidden));
  CHECK_FALSE(has(text, "1101051985"));
  CHECK_FALSE(has(text, "朝阳"));
}

TEST_CASE("a foreigner with only an English name sees it masked in English too",
          "[ui][frame][masking]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1920, 1080), BodyCoverage::full_cjk);

  core::Identity identity;
  identity.id_number_valid = true;
  identity.card_type = core::CardType::foreign_permanent;
  identity.name_en = core::Secret("IVANOVA ANNA SERGEYEVNA");
  auto session = identified_session(std::move(identity), core::Language::en);

  const std::string text = identified_frame_text(ui, session);
  INFO("drawn:\n" << text);
  CHECK(has(text, "Hello,I***"));  // spaces draw no glyph
  CHECK_FALSE(has(text, "IVANOVA"));
  CHECK_FALSE(has(text, "VANOVA"));
  CHECK_FALSE(has(text, "SERGEYEVNA"));
}

TEST_CASE("a lookup refused by the server's rate limit reads as busy, not as unreachable",
          "[ui][frame][lookup]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920), BodyCoverage::full_cjk);

  core::Identity identity;
  identity.id_number_valid = true;
  identity.name = core::Secret("王小明");
  identity.id_number = core::Secret("110105198503172314");
  auto session = identified_session(std::move(identity), core::Language::zh_CN);
  session.handle(core::server::LookupFailed{session.visit().number, core::server::LookupFailure::busy, core::ErrorClass::busy}, core::TimePoint{});
  REQUIRE(session.lookup() == core::Lookup::busy);

  const std::string text = identified_frame_text(ui, session);
  INFO("drawn:\n" << text);
  // Spaces draw no glyph, so the catalogue's line is compared without them.
  auto glyphs_of = [](std::string s) {
    std::erase(s, ' ');
    return s;
  };
  CHECK(has(text, glyphs_of(catalogue.text("identified.lookup_busy", core::Language::zh_CN))));
  CHECK_FALSE(
      has(text, glyphs_of(catalogue.text("identified.lookup_failed", core::Language::zh_CN))));
}
