#pragma once
// Runs widgets alone in a headless ImGui context (no window, no GL): the font atlas is built
// from the labels the test uses, pointer state is written into io, and each frame draws the
// widgets inside one full-screen window, as a screen would.
#include <cfloat>
#include <functional>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include <imgui.h>

#include "kiosk/ui/fonts.h"
#include "kiosk/ui/layout.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui::testing {

// The system's CJK font, as the app finds it (Noto Sans CJK SC, else WenQuanYi).
inline FontFile open_test_font() {
  auto file = FontFile::find("");
  REQUIRE(file);
  return std::move(*file);
}

class WidgetFrame {
 public:
  explicit WidgetFrame(std::string_view app_text, ImVec2 display = ImVec2(1080, 1920))
      : m_font_file(open_test_font()) {
    m_context = ImGui::CreateContext(&m_atlas);
    ImGui::SetCurrentContext(m_context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = display;
    io.DeltaTime = 1.0f / 60.0f;
    auto fonts = build_fonts(m_atlas, m_font_file, FontSizes{},
                             std::string(app_text) + "0123456789*", BodyCoverage::app_text, 4096);
    REQUIRE(fonts);
    m_fonts = *fonts;
    io.FontDefault = m_fonts.body;
  }
  ~WidgetFrame() { ImGui::DestroyContext(m_context); }
  WidgetFrame(const WidgetFrame&) = delete;
  WidgetFrame& operator=(const WidgetFrame&) = delete;

  // One frame with the finger at MOUSE, DOWN or not; DRAW places the widgets.
  void frame(ImVec2 mouse, bool down, const std::function<void()>& draw) {
    ImGui::SetCurrentContext(m_context);  // a test may hold two
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("widgets", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PushClipRect(
        viewport->Pos,
        ImVec2(viewport->Pos.x + viewport->Size.x, viewport->Pos.y + viewport->Size.y), false);
    draw();
    ImGui::PopClipRect();
    ImGui::End();
    ImGui::Render();
  }

  // A frame with the finger away from everything, to lay the widgets out.
  void idle(const std::function<void()>& draw) { frame(ImVec2(-FLT_MAX, -FLT_MAX), false, draw); }

  // Press and release at P without moving.
  void tap_at(ImVec2 p, const std::function<void()>& draw) {
    for (bool down : {false, true, true, false}) frame(p, down, draw);
  }

  // Press at FROM, move to TO in STEPS frames, release at TO.
  void drag(ImVec2 from, ImVec2 to, int steps, const std::function<void()>& draw) {
    frame(from, false, draw);
    frame(from, true, draw);
    for (int i = 1; i <= steps; ++i) {
      const float t = static_cast<float>(i) / static_cast<float>(steps);
      frame(ImVec2(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t), true, draw);
    }
    frame(to, false, draw);
  }

  // The centre of a named item as drawn in the last frame.
  ImVec2 centre_of(std::string_view name) const {
    auto it = rects.find(name);
    REQUIRE(it != rects.end());
    return ImVec2((it->second.x + it->second.z) * 0.5f, (it->second.y + it->second.w) * 0.5f);
  }
  Rect rect_of(std::string_view name) const {
    auto it = rects.find(name);
    REQUIRE(it != rects.end());
    return Rect{ImVec2(it->second.x, it->second.y), ImVec2(it->second.z, it->second.w)};
  }

  // Tap a named item: lay out once, then press and release at its centre.
  void tap(std::string_view name, const std::function<void()>& draw) {
    idle(draw);
    tap_at(centre_of(name), draw);
  }

  const FontSet& fonts() const { return m_fonts; }
  const ImFontAtlas& atlas() const { return m_atlas; }
  ItemRects rects;

 private:
  FontFile m_font_file;
  ImFontAtlas m_atlas;
  ImGuiContext* m_context = nullptr;
  FontSet m_fonts;
};

}  // namespace kiosk::ui::testing
