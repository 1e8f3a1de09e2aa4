// The attract screen: what a passer-by sees. One instruction, large, with a picture of
// where the card goes; the clock and date so the screen is visibly alive.
#include "kiosk/core/screens/attract.h"

#include "../screen_frame.h"
#include "kiosk/ui/theme.h"

namespace kiosk::ui {
namespace {

// A card lying on a reader, with an arrow pointing down to it; WIDTH is the reader's width.
void draw_card_on_reader(ImDrawList& draw, ImVec2 center, float width) {
  float reader_h = width * 0.22f;
  ImVec2 reader_min(center.x - width * 0.5f, center.y + width * 0.10f);
  ImVec2 reader_max(center.x + width * 0.5f, reader_min.y + reader_h);
  draw.AddRectFilled(reader_min, reader_max, IM_COL32(0x37, 0x3D, 0x46, 0xFF), width * 0.04f);
  draw.AddRectFilled(ImVec2(reader_min.x + width * 0.08f, reader_min.y + reader_h * 0.25f),
                     ImVec2(reader_max.x - width * 0.08f, reader_min.y + reader_h * 0.45f),
                     IM_COL32(0x5C, 0x66, 0x73, 0xFF), width * 0.02f);
  draw.AddCircleFilled(ImVec2(reader_max.x - width * 0.10f, reader_max.y - reader_h * 0.25f),
                       width * 0.018f, IM_COL32(0x4C, 0xC9, 0x5A, 0xFF));

  float card_w = width * 0.62f, card_h = card_w * 0.63f;  // ID-1 card proportions
  ImVec2 card_min(center.x - card_w * 0.5f, reader_min.y - card_h * 0.55f);
  ImVec2 card_max(card_min.x + card_w, card_min.y + card_h);
  draw.AddRectFilled(ImVec2(card_min.x + 6, card_min.y + 8), ImVec2(card_max.x + 6, card_max.y + 8),
                     IM_COL32(0, 0, 0, 0x30), card_w * 0.05f);
  draw.AddRectFilled(card_min, card_max, IM_COL32(0xE8, 0xF1, 0xFB, 0xFF), card_w * 0.05f);
  draw.AddRect(card_min, card_max, color::kPrimary, card_w * 0.05f, 0, 3.0f);
  // A portrait box and text lines, as on the back of a resident ID card.
  ImVec2 photo_min(card_max.x - card_w * 0.30f, card_min.y + card_h * 0.16f);
  draw.AddRectFilled(photo_min, ImVec2(card_max.x - card_w * 0.07f, card_max.y - card_h * 0.18f),
                     IM_COL32(0xB8, 0xCB, 0xE0, 0xFF), 6.0f);
  for (int i = 0; i < 4; ++i) {
    float y = card_min.y + card_h * (0.22f + 0.15f * static_cast<float>(i));
    float len = card_w * (i == 3 ? 0.30f : 0.48f);
    draw.AddRectFilled(ImVec2(card_min.x + card_w * 0.08f, y),
                       ImVec2(card_min.x + card_w * 0.08f + len, y + card_h * 0.06f),
                       IM_COL32(0x9F, 0xB3, 0xC8, 0xFF), 4.0f);
  }

  float arrow_w = width * 0.12f;
  float top = card_min.y - width * 0.26f;
  float tip = card_min.y - width * 0.04f;
  draw.AddRectFilled(ImVec2(center.x - arrow_w * 0.22f, top),
                     ImVec2(center.x + arrow_w * 0.22f, tip - arrow_w * 0.5f), color::kBrand);
  draw.AddTriangleFilled(ImVec2(center.x - arrow_w * 0.5f, tip - arrow_w * 0.55f),
                         ImVec2(center.x + arrow_w * 0.5f, tip - arrow_w * 0.55f),
                         ImVec2(center.x, tip), color::kBrand);
}

// The clock and the date, centred at the top of AREA; returns the height used.
float draw_clock(ScreenFrame& frame, Rect area) {
  const auto& wall = frame.view().wall;
  std::string clock = fmt::format("{:02}:{:02}", wall.hour, wall.minute);
  std::string date = fill(frame.text("attract.date_format"), fmt::arg("year", wall.year),
                          fmt::arg("month", frame.text(fmt::format("month.{}", wall.month))),
                          fmt::arg("day", wall.day),
                          fmt::arg("weekday", frame.text(fmt::format("weekday.{}", wall.weekday))));
  float y = area.min.y;
  y += text_centered(frame.draw(), frame.fonts().display, clock, ImVec2(area.min.x, y),
                     area.width(), color::kText);
  y += text_centered(frame.draw(), frame.fonts().body, date, ImVec2(area.min.x, y), area.width(),
                     color::kTextMuted);
  return y - area.min.y;
}

// The instruction, its hint, and the unreadable-card notice when it shows.
void draw_instructions(ScreenFrame& frame, const core::screen::Attract& screen, Rect area) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  float y = area.min.y;
  if (frame.session().out_of_service()) {
    // Closed by staff: the one thing to say, instead of how to start.
    text_centered(frame.draw(), fonts.heading, frame.text("attract.out_of_service"),
                  ImVec2(area.min.x, y), area.width(), color::kWarning);
    return;
  }
  y += text_centered(frame.draw(), fonts.heading, frame.text("attract.prompt"),
                     ImVec2(area.min.x, y), area.width(), color::kText);
  y += layout.mm(4.0f);
  y += text_centered(frame.draw(), fonts.body, frame.text("attract.hint"), ImVec2(area.min.x, y),
                     area.width(), color::kTextMuted);
  if (!screen.notice) return;
  y += layout.mm(6.0f);
  using Notice = core::screen::Attract::Notice;
  const auto& notice =
      frame.text(*screen.notice == Notice::card_expired     ? "attract.card_expired"
                 : *screen.notice == Notice::card_invalid   ? "attract.card_invalid"
                 : *screen.notice == Notice::out_of_service ? "attract.out_of_service"
                                                            : "attract.card_unreadable");
  const float pad = layout.mm(5.0f);
  const float notice_h = text_height(fonts.body, notice, area.width() - 2 * pad) + 2 * pad;
  const ImVec2 min(area.min.x, y), max(area.max.x, y + notice_h);
  frame.draw().AddRectFilled(min, max, color::kNotice, layout.mm(3.0f));
  frame.draw().AddRect(min, max, color::kWarning, layout.mm(3.0f), 0, 3.0f);
  text_centered(frame.draw(), fonts.body, notice, ImVec2(min.x + pad, min.y + pad),
                area.width() - 2 * pad, color::kWarning);
}

// What can be done here, or why it cannot right now; the demo keys above it in the demo.
void draw_footer(ScreenFrame& frame, Rect& area) {
  const Layout& layout = frame.layout();
  ImFont* font = frame.fonts().body;
  const bool online = frame.session().reader_online();
  const auto& footer = frame.text(online ? "attract.services" : "attract.reader_offline");
  const float footer_h = text_height(font, footer, area.width());
  Rect strip = cut_bottom(area, footer_h + layout.mm(6.0f));
  frame.draw().AddLine(strip.min, ImVec2(strip.max.x, strip.min.y), color::kOutline, 2.0f);
  text_centered(frame.draw(), font, footer, ImVec2(strip.min.x, strip.max.y - footer_h),
                strip.width(), online ? color::kTextMuted : color::kWarning);
  if (!frame.view().demo) return;
  const auto& keys = frame.text("attract.demo_keys");
  const float px = font->FontSize * 0.7f;
  const ImVec2 size = font->CalcTextSizeA(px, FLT_MAX, 0.0f, keys.c_str());
  Rect line = cut_bottom(area, px * 1.8f);
  frame.draw().AddText(font, px, ImVec2(line.centre().x - size.x * 0.5f, line.min.y),
                       color::kTextMuted, keys.c_str());
}

// The central server's notices (closing days, new rules), each a title and a line, in a
// card above the footer; at most two, so the instruction stays the largest thing here.
void draw_notices(ScreenFrame& frame, Rect& area) {
  const auto& notices = frame.view().notices;
  if (notices.empty()) return;
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const float pad = layout.mm(4.0f);
  const float width = area.width() - 2 * pad;
  const TextStyle title{fonts.body, color::kText};
  const TextStyle body{fonts.body, color::kTextMuted, TextAlign::left,
                       fonts.body->FontSize * 0.85f};
  float height = pad;
  const std::size_t shown = std::min<std::size_t>(notices.size(), 2);
  for (std::size_t i = 0; i < shown; ++i) {
    height += measure_text(notices[i].title, width, title) +
              measure_text(notices[i].body, width, body) + pad;
  }
  Rect card = cut_bottom(area, height);
  cut_bottom(area, layout.mm(4.0f));
  frame.draw().AddRectFilled(card.min, card.max, color::kCard, layout.mm(3.0f));
  frame.draw().AddRect(card.min, card.max, color::kOutline, layout.mm(3.0f), 0, 2.0f);
  Rect inner = inset(card, pad);
  for (std::size_t i = 0; i < shown; ++i) {
    const float title_h = measure_text(notices[i].title, width, title);
    draw_text(frame.draw(), notices[i].title, cut_top(inner, title_h), title);
    const float body_h = measure_text(notices[i].body, width, body);
    draw_text(frame.draw(), notices[i].body, cut_top(inner, body_h), body);
    cut_top(inner, pad);
  }
}

// The hidden way into staff mode: a press held for kStaffHoldSeconds on the top-left corner
// (over the centre's name). Nothing shows; the runner keeps drawing while a finger is down.
constexpr float kStaffHoldSeconds = 3.0f;
void staff_corner(ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const Rect corner = Rect::from_pos_size(layout.screen().min, layout.mm(30.0f, 30.0f));
  ImGui::SetCursorScreenPos(corner.min);
  ImGui::InvisibleButton("attract.staff_corner", corner.size());
  frame.rects()["attract.staff_corner"] = corner.as_vec4();
  if (ImGui::IsItemActive() && ImGui::GetIO().MouseDownDuration[0] >= kStaffHoldSeconds) {
    frame.add_intent(core::screen::Attract::Intent{core::screen::Attract::OpenStaff{}});
  }
}

// For staff walking past: paper running low, or the reader gone, in small print at the
// bottom corner. The worker sees the plain words in the footer when it matters to them.
void staff_marker(ScreenFrame& frame, Rect& area) {
  const auto& session = frame.session();
  std::string marker;
  if (session.printer().paper == core::printer::Paper::near_end) {
    marker = frame.text("staff.marker_paper");
  }
  if (!session.reader_online()) {
    marker += (marker.empty() ? "" : " · ") + frame.text("staff.marker_reader");
  }
  if (marker.empty()) return;
  ImFont* font = frame.fonts().body;
  const float px = font->FontSize * 0.7f;
  Rect line = cut_bottom(area, px * 1.6f);
  const ImVec2 size = font->CalcTextSizeA(px, FLT_MAX, 0.0f, marker.c_str());
  frame.draw().AddText(font, px, ImVec2(line.max.x - size.x, line.min.y), color::kWarning,
                       marker.c_str());
  frame.rects()["attract.staff_marker"] =
      Rect::from_pos_size(ImVec2(line.max.x - size.x, line.min.y), size).as_vec4();
}

}  // namespace

template <>
void draw_screen(const core::screen::Attract& screen, ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  Rect area = frame.brand_bar();
  staff_corner(frame);
  staff_marker(frame, area);
  draw_footer(frame, area);
  draw_notices(frame, area);
  if (layout.portrait()) {
    cut_top(area, layout.mm(3.0f));
    cut_top(area, draw_clock(frame, area));
    // The picture takes the middle; the instructions sit below it.
    Rect words = cut_bottom(area, layout.mm(125.0f));
    const float picture_w = std::min(layout.mm(140.0f), area.width());
    draw_card_on_reader(frame.draw(), ImVec2(area.centre().x, area.centre().y + layout.mm(8.0f)),
                        picture_w);
    draw_instructions(frame, screen, inset(words, layout.mm(4.0f), 0.0f));
    return;
  }
  // Landscape: the clock across the top, the picture left of the words.
  cut_top(area, draw_clock(frame, area));
  auto columns = layout.columns(area, 2, 8.0f);
  const float picture_w = std::min(layout.mm(110.0f), columns[0].width());
  draw_card_on_reader(frame.draw(), columns[0].centre(), picture_w);
  Rect words = columns[1];
  cut_top(words, layout.mm(30.0f));
  draw_instructions(frame, screen, words);
}

}  // namespace kiosk::ui
