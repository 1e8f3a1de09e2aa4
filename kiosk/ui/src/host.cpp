#include "kiosk/ui/host.h"

#include "screen_frame.h"

namespace kiosk::ui {

FrameResult Host::draw(const core::Session& session, const AppView& view) {
  FrameResult result;
  // Only this frame's widgets: a script (or test) must never tap one from the screen before.
  m_rects.clear();
  {
    ScreenFrame frame(Layer::screen, session, view, m_catalogue, m_fonts, m_rects, m_visit_ui);
    auto failure = draw_guarded(frame, [&] {
      std::visit([&](const auto& screen) { draw_screen(screen, frame); }, session.screen());
    });
    if (failure)
      result.failure = fmt::format("screen {} failed: {}", session.screen_name(), *failure);
    if (!session.screen_if<core::screen::Attract>()) draw_device_banner(frame);
    result.inputs = frame.take_inputs();
  }
  if (session.idle_warning(view.now)) {
    ScreenFrame overlay(Layer::overlay, session, view, m_catalogue, m_fonts, m_rects, m_visit_ui);
    draw_idle_overlay(overlay);
    for (auto& input : overlay.take_inputs()) result.inputs.push_back(std::move(input));
  }
  return result;
}

ScrollState& VisitUi::scroll(std::string_view list_id) {
  auto it = m_scrolls.find(list_id);
  if (it == m_scrolls.end()) it = m_scrolls.emplace(std::string(list_id), ScrollState{}).first;
  return it->second;
}

void Host::wipe() {
  m_rects.clear();
  m_visit_ui.wipe();
}

std::optional<ImVec4> Host::item_rect(std::string_view id) const {
  if (auto it = m_rects.find(id); it != m_rects.end()) return it->second;
  return std::nullopt;
}

}  // namespace kiosk::ui
