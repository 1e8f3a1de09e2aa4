#include "kiosk/ui/screens.h"

#include "kiosk/ui/theme.h"
#include "screens_internal.h"

namespace kiosk::ui {

std::vector<core::Input> Screens::draw(const ScreenView& view) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus |
                                      ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("kiosk", nullptr, kFlags);
  // ImGui clips a window's drawing to half its padding inside the edge; screens draw edge
  // to edge (the brand bar), so they get the whole viewport.
  ImGui::PushClipRect(viewport->Pos,
                      ImVec2(viewport->Pos.x + viewport->Size.x, viewport->Pos.y + viewport->Size.y),
                      false);
  Frame frame{view, m_catalogue, *ImGui::GetWindowDrawList(), viewport->Pos, viewport->Size, {}};
  switch (view.session.state()) {
    case core::State::attract: draw_attract(frame); break;
    case core::State::identified: draw_identified(frame); break;
  }
  ImGui::PopClipRect();
  ImGui::End();
  return std::move(frame.intents);
}

std::optional<ImVec4> Screens::item_rect(std::string_view id) const {
  if (auto it = m_rects.find(id); it != m_rects.end()) return it->second;
  return std::nullopt;
}

void Screens::draw_brand_bar(Frame& frame, float height) {
  ImVec2 max(frame.origin.x + frame.size.x, frame.origin.y + height);
  frame.draw.AddRectFilled(frame.origin, max, color::kBrand);
  float pad = frame.size.x * 0.04f;
  ImFont* font = m_fonts.heading;
  float scale = frame.portrait() ? 0.75f : 0.8f;
  float font_px = font->FontSize * scale;
  frame.draw.AddText(font, font_px,
                     ImVec2(frame.origin.x + pad, frame.origin.y + (height - font_px) * 0.5f),
                     color::kOnBrand, frame.view.center_name.data(),
                     frame.view.center_name.data() + frame.view.center_name.size());

  // The language toggle: always top right, the same place on every screen.
  ImVec2 button(frame.size.x * (frame.portrait() ? 0.26f : 0.16f), height * 0.62f);
  ImVec2 pos(max.x - pad - button.x, frame.origin.y + (height - button.y) * 0.5f);
  if (touch_button("language", frame.text("attract.language_toggle"), pos, button,
                   ButtonKind::on_brand, m_fonts.body, m_rects)) {
    auto next = frame.view.session.language() == core::Language::zh_CN ? core::Language::en
                                                                       : core::Language::zh_CN;
    frame.intents.push_back(core::intent::SetLanguage{next});
  }
}

}  // namespace kiosk::ui
