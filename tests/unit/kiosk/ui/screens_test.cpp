// Headless frame tests: the real screens, tapped through ImGui's io, no SDL and no GL.
#include "headless_ui.h"

using namespace kiosk;
using namespace kiosk::ui;
using namespace std::chrono_literals;

namespace {
void apply(core::Session& session, std::vector<core::Input> inputs) {
  for (auto& input : inputs) session.handle(std::move(input), core::TimePoint{});
}
}  // namespace

TEST_CASE("tapping the language toggle switches the screen to English and back", "[ui][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  core::Session session({90s, core::Language::zh_CN});

  apply(session, ui.tap(session, "language"));
  CHECK(session.language() == core::Language::en);
  apply(session, ui.tap(session, "language"));
  CHECK(session.language() == core::Language::zh_CN);
}

TEST_CASE("a swipe that starts and ends on the toggle is not a tap", "[ui][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1920, 1080));
  core::Session session({90s, core::Language::zh_CN});
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  auto rect = ui.host().item_rect("language");
  REQUIRE(rect);
  float y = (rect->y + rect->w) * 0.5f;
  std::vector<core::Input> intents;
  // Press near the left edge, slide right by 100 px while held, slide back, release.
  for (auto [x, down] : {std::pair{rect->x + 10, false}, {rect->x + 10, true}, {rect->x + 110, true},
                         {rect->x + 10, true}, {rect->x + 10, false}}) {
    for (auto& i : ui.frame(session, ImVec2(x, y), down)) intents.push_back(std::move(i));
  }
  CHECK(intents.empty());
}

TEST_CASE("the identified screen offers the way home", "[ui][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  core::Session session({90s, core::Language::zh_CN});
  core::Identity identity;
  identity.id_number_valid = true;
  identity.name = core::Secret("张三丰");
  session.handle(core::device::CardRead{std::move(identity)}, core::TimePoint{});

  apply(session, ui.tap(session, "home"));
  CHECK(session.screen_if<core::screen::Attract>());
}
