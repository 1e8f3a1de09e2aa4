#pragma once
// Runs the real screens in an ImGui context with no window and no GL: the atlas is built,
// pointer state is written into io, and frames go through NewFrame/Render. Intents come
// back exactly as the app would get them.
#include <catch2/catch.hpp>

#include <imgui.h>

#include "kiosk/ui/fonts.h"
#include "kiosk/ui/host.h"
#include "kiosk/ui/strings.h"

namespace kiosk::ui::testing {

inline Catalogue load_catalogue() {
  auto catalogue = Catalogue::load(std::filesystem::path(KIOSK_SOURCE_DIR) / "assets/i18n");
  REQUIRE(catalogue);
  return std::move(*catalogue);
}

class HeadlessUi {
 public:
  HeadlessUi(const Catalogue& catalogue, ImVec2 display,
             BodyCoverage coverage = BodyCoverage::app_text)
      : m_font_file(open_font()), m_host(catalogue) {
    ImGui::CreateContext(&m_atlas);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = display;
    io.DeltaTime = 1.0f / 60.0f;
    auto fonts = build_fonts(m_atlas, m_font_file, FontSizes{},
                             catalogue.all_text() + "示范区职工服务中心", coverage, 4096);
    REQUIRE(fonts);
    m_fonts = *fonts;
    io.FontDefault = m_fonts.body;
    m_host.set_fonts(m_fonts);
  }
  ~HeadlessUi() { ImGui::DestroyContext(); }

  std::vector<core::Input> frame(const core::Session& session, ImVec2 mouse, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    AppView view;
    view.now = m_now;
    view.wall = WallClock{2026, 11, 29, 0, 9, 30};
    view.center_name = "示范区职工服务中心";
    view.notices = m_notices;
    view.staff = m_staff;
    view.queue = m_queue;
    auto result = m_host.draw(session, view);
    ImGui::Render();
    m_failure = result.failure;
    return std::move(result.inputs);
  }

  // Press and release at the centre of a named widget; returns every intent produced.
  std::vector<core::Input> tap(const core::Session& session, std::string_view item) {
    frame(session, ImVec2(-FLT_MAX, -FLT_MAX), false);  // lay out once
    auto rect = m_host.item_rect(item);
    REQUIRE(rect);
    ImVec2 centre((rect->x + rect->z) * 0.5f, (rect->y + rect->w) * 0.5f);
    std::vector<core::Input> all;
    for (bool down : {false, true, true, false}) {
      for (auto& intent : frame(session, centre, down)) all.push_back(std::move(intent));
    }
    return all;
  }

  Host& host() { return m_host; }
  // The session time the frames are drawn at (the idle countdown).
  void set_now(core::TimePoint now) { m_now = now; }
  // The central server's notices the app would pass on.
  void set_notices(std::vector<Notice> notices) { m_notices = std::move(notices); }
  // What the app would show on the staff screens.
  void set_staff(StaffView staff, QueueView queue) {
    m_staff = std::move(staff);
    m_queue = queue;
  }
  const std::optional<std::string>& failure() const { return m_failure; }
  const ImFontAtlas& atlas() const { return m_atlas; }
  const FontSet& fonts() const { return m_fonts; }

 private:
  static FontFile open_font() {
    auto file = FontFile::find("");
    REQUIRE(file);
    return std::move(*file);
  }
  FontFile m_font_file;
  ImFontAtlas m_atlas;
  FontSet m_fonts;
  Host m_host;
  core::TimePoint m_now{};
  std::vector<Notice> m_notices;
  StaffView m_staff;
  QueueView m_queue;
  std::optional<std::string> m_failure;
};

}  // namespace kiosk::ui::testing
