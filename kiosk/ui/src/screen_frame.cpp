#include "screen_frame.h"

#include "kiosk/ui/theme.h"

namespace kiosk::ui {
namespace {
Layout layout_for(const AppView& view, Rect screen) {
  return view.px_per_mm > 0.0f ? Layout(screen, view.px_per_mm) : Layout::for_default_panel(screen);
}
}  // namespace

ScreenFrame::ScreenFrame(Layer layer, const core::Session& session, const AppView& view,
                         const Catalogue& catalogue, const FontSet& fonts, ItemRects& rects,
                         VisitUi& visit_ui)
    : m_session(session),
      m_view(view),
      m_catalogue(catalogue),
      m_fonts(for_text_size(fonts, session.text_size() == core::TextSize::large &&
                                       !core::is_staff(session.screen()))),
      m_rects(rects),
      m_visit_ui(visit_ui),
      m_layout(layout_for(view, Rect::from_pos_size(ImGui::GetMainViewport()->Pos,
                                                    ImGui::GetMainViewport()->Size))) {
  const Rect screen = m_layout.screen();
  ImGui::SetNextWindowPos(screen.min);
  ImGui::SetNextWindowSize(screen.size());
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse;
  if (layer == Layer::screen) {
    flags |= ImGuiWindowFlags_NoBringToFrontOnFocus;
  } else {
    flags |= ImGuiWindowFlags_NoBackground;
    ImGui::SetNextWindowFocus();  // above the screen, so its buttons get the touches
  }
  ImGui::Begin(layer == Layer::screen ? "kiosk.screen" : "kiosk.overlay", nullptr, flags);
  // ImGui clips a window's drawing to half its padding inside the edge; screens draw edge
  // to edge (the brand bar), so they get the whole viewport.
  ImGui::PushClipRect(screen.min, screen.max, false);
  m_draw = ImGui::GetWindowDrawList();
}

ScreenFrame::~ScreenFrame() {
  ImGui::PopClipRect();
  ImGui::End();
}

const std::string& ScreenFrame::text(std::string_view key) const {
  return m_catalogue.text(key, m_session.language());
}

bool ScreenFrame::button(std::string_view id, std::string_view label, Rect rect, ButtonKind kind,
                         ImFont* font) {
  return touch_button(id, label, rect.min, rect.size(), kind, font, m_rects);
}

Rect ScreenFrame::brand_bar() {
  const Rect bar = m_layout.brand_bar();
  draw().AddRectFilled(bar.min, bar.max, color::kBrand);
  Rect inner = inset(bar, m_layout.mm(kMarginMm), 0.0f);

  // The language toggle: always top right, the same place on every screen.
  const float toggle_w = m_layout.mm(m_layout.portrait() ? 70.0f : 76.0f);
  Rect toggle = cut_right(inner, toggle_w);
  toggle = centred(toggle, ImVec2(toggle.width(), m_layout.touch_target() * 1.5f));
  if (button("language", text("attract.language_toggle"), toggle, ButtonKind::on_brand,
             m_fonts.body)) {
    auto next =
        m_session.language() == core::Language::zh_CN ? core::Language::en : core::Language::zh_CN;
    add(core::PersonInput{core::person::SetLanguage{next}});
  }
  // Large text beside it, for the worker's screens (staff read the normal size).
  if (!core::is_staff(m_session.screen())) {
    cut_right(inner, m_layout.mm(6.0f));
    Rect size_toggle = cut_right(inner, toggle_w);
    size_toggle = centred(size_toggle, ImVec2(size_toggle.width(), toggle.height()));
    const bool large = m_session.text_size() == core::TextSize::large;
    if (button("text_size", text(large ? "attract.text_normal" : "attract.text_large"), size_toggle,
               ButtonKind::on_brand, m_fonts.body)) {
      add(core::PersonInput{
          core::person::SetTextSize{large ? core::TextSize::normal : core::TextSize::large}});
    }
  }

  ImFont* font = m_fonts.heading;
  const float font_px = font->FontSize * (m_layout.portrait() ? 0.75f : 0.8f);
  const auto name = m_view.center_name;
  if (name.empty()) return m_layout.content();  // AddText reads a null begin as a C string
  draw().AddText(font, font_px, ImVec2(inner.min.x, inner.centre().y - font_px * 0.5f),
                 color::kOnBrand, name.data(), name.data() + name.size());
  return m_layout.content();
}

}  // namespace kiosk::ui
