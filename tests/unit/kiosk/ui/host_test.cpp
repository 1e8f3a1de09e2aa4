// The host: the overlay layer over every screen, and the guard around each frame.
#include <stdexcept>

#include "drawn_text.h"
#include "headless_ui.h"
#include "screen_frame.h"

using namespace kiosk;
using namespace kiosk::ui;
using namespace std::chrono_literals;

namespace {
core::Identity someone() {
  core::Identity identity;
  identity.id_number_valid = true;
  identity.name = core::Secret("张三丰");
  return identity;
}
}  // namespace

TEST_CASE("the idle countdown covers the screen only in its last seconds", "[ui][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  core::Session session({60s, core::Language::zh_CN, 6s, 20s});
  const core::TimePoint t0{};
  session.handle(core::device::CardRead{someone()}, t0);

  ui.set_now(t0 + 30s);
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  CHECK_FALSE(ui.host().item_rect("overlay.continue"));

  ui.set_now(t0 + 45s);
  auto inputs = ui.tap(session, "overlay.continue");
  REQUIRE(inputs.size() == 1);
  auto* person = std::get_if<core::PersonInput>(&inputs[0]);
  REQUIRE(person);
  CHECK(std::holds_alternative<core::person::Touch>(*person));
  session.handle(std::move(inputs[0]), t0 + 45s);
  CHECK(session.idle_remaining(t0 + 45s) == 60s);
  CHECK(session.screen_if<core::screen::Menu>());
}

TEST_CASE("while the countdown shows, the screen below takes no taps", "[ui][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  core::Session session({60s, core::Language::zh_CN, 6s, 20s});
  session.handle(core::device::CardRead{someone()}, core::TimePoint{});
  ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
  auto home = ui.host().item_rect("home");
  REQUIRE(home);
  ui.set_now(core::TimePoint{} + 50s);
  ImVec2 centre((home->x + home->z) * 0.5f, (home->y + home->w) * 0.5f);
  std::vector<core::Input> inputs;
  for (bool down : {false, true, true, false}) {
    for (auto& input : ui.frame(session, centre, down)) inputs.push_back(std::move(input));
  }
  for (const auto& input : inputs) {
    const auto* person = std::get_if<core::PersonInput>(&input);
    CHECK_FALSE((person && std::holds_alternative<core::person::GoHome>(*person)));
  }
}

TEST_CASE("a screen that throws shows the error screen, keeps no taps and says why",
          "[ui][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  core::Session session({60s, core::Language::zh_CN});
  AppView view;
  ItemRects rects;
  VisitUi visit_ui;
  ImGui::NewFrame();
  std::optional<std::string> failure;
  {
    ScreenFrame frame(Layer::screen, session, view, catalogue, ui.fonts(), rects, visit_ui);
    failure = draw_guarded(frame, [&] {
      frame.add(core::PersonInput{core::person::GoHome{}});  // drawn before the failure
      throw std::out_of_range("record 7 of 3");
    });
    CHECK(frame.take_inputs().empty());
  }
  ImGui::Render();
  REQUIRE(failure);
  CHECK(*failure == "record 7 of 3");
  CHECK(rects.contains("error.home"));  // the way out is on screen
}

TEST_CASE("a device fault shows a banner on every screen but the attract screen", "[ui][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920));
  core::Session session({60s, core::Language::zh_CN});
  session.handle(core::printer::Status{true, core::printer::Paper::out, false}, core::TimePoint{});
  auto drawn = [&] {
    ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
    return testing::drawn_text(*ImGui::GetDrawData(), *ImGui::GetIO().Fonts);
  };
  const auto& banner = catalogue.text("banner.printer_paper_out", core::Language::zh_CN);
  CHECK(drawn().find(banner) == std::string::npos);  // the attract screen says it its own way
  session.handle(core::device::CardRead{someone()}, core::TimePoint{});
  CHECK(drawn().find(banner) != std::string::npos);
  session.handle(core::printer::Status{}, core::TimePoint{});
  CHECK(drawn().find(banner) == std::string::npos);
  CHECK_FALSE(ui.failure());
}

TEST_CASE("the UI's scroll positions go with the visit", "[ui][frame]") {
  auto catalogue = testing::load_catalogue();
  Host host(catalogue);
  VisitUi ui;
  ui.scroll("records").offset = 420.0f;
  CHECK(ui.scroll("records").offset == 420.0f);
  ui.wipe();
  CHECK(ui.empty());
  CHECK(ui.scroll("records").offset == 0.0f);
}

TEST_CASE("the attract screen shows the central server's notices", "[ui][frame]") {
  auto catalogue = testing::load_catalogue();
  testing::HeadlessUi ui(catalogue, ImVec2(1080, 1920), BodyCoverage::full_cjk);
  core::Session session({60s, core::Language::zh_CN});
  auto drawn = [&] {
    ui.frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);
    return testing::drawn_text(*ImGui::GetDrawData(), *ImGui::GetIO().Fonts);
  };
  CHECK(drawn().find("元旦") == std::string::npos);
  ui.set_notices({Notice{"元旦安排", "1月1日至3日暂停办理"}});
  const auto text = drawn();
  CHECK(text.find("元旦安排") != std::string::npos);
  CHECK(text.find("1月1日至3日暂停办理") != std::string::npos);
}
