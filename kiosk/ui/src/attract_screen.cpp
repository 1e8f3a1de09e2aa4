// The attract screen: what a passer-by sees. One instruction, large, with a picture of
// where the card goes; the clock and date so the screen is visibly alive.
#include "kiosk/ui/screens.h"
#include "kiosk/ui/theme.h"
#include "screens_internal.h"

namespace kiosk::ui {
namespace {

// A card lying on a reader, with an arrow pointing down to it.
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

}  // namespace

void Screens::draw_attract(Frame& frame) {
  const float w = frame.size.x, h = frame.size.y;
  const ImVec2 o = frame.origin;
  const bool portrait = frame.portrait();
  const float bar_h = frame.brand_bar_height();
  draw_brand_bar(frame, bar_h);

  const auto& wall = frame.view.wall;
  std::string clock = fmt::format("{:02}:{:02}", wall.hour, wall.minute);
  std::string date = fill(frame.text("attract.date_format"), fmt::arg("year", wall.year),
                          fmt::arg("month", frame.text(fmt::format("month.{}", wall.month))),
                          fmt::arg("day", wall.day),
                          fmt::arg("weekday", frame.text(fmt::format("weekday.{}", wall.weekday))));

  float y = o.y + bar_h + h * (portrait ? 0.04f : 0.03f);
  y += text_centered(frame.draw, m_fonts.display, clock, ImVec2(o.x, y), w, color::kText);
  y += text_centered(frame.draw, m_fonts.body, date, ImVec2(o.x, y), w, color::kTextMuted);

  // Picture in the middle; in landscape it sits left of the words.
  const float column_w = portrait ? w : w * 0.5f;
  const float picture_w = std::min(column_w * 0.55f, h * 0.45f);
  const float picture_cy = portrait ? o.y + h * 0.47f : o.y + h * 0.58f;
  const float picture_cx = portrait ? o.x + w * 0.5f : o.x + w * 0.27f;
  draw_card_on_reader(frame.draw, ImVec2(picture_cx, picture_cy), picture_w);

  const float text_x = portrait ? o.x + w * 0.07f : o.x + w * 0.52f;
  const float text_w = portrait ? w * 0.86f : w * 0.44f;
  float text_y = portrait ? o.y + h * 0.66f : o.y + h * 0.45f;
  text_y += text_centered(frame.draw, m_fonts.heading, frame.text("attract.prompt"),
                          ImVec2(text_x, text_y), text_w, color::kText);
  text_y += h * 0.015f;
  text_y += text_centered(frame.draw, m_fonts.body, frame.text("attract.hint"),
                          ImVec2(text_x, text_y), text_w, color::kTextMuted);
  if (frame.view.session.card_unreadable_notice()) {
    text_y += h * 0.02f;
    const auto& notice = frame.text("attract.card_unreadable");
    float notice_h = text_height(m_fonts.body, notice, text_w - 48.0f) + 32.0f;
    frame.draw.AddRectFilled(ImVec2(text_x, text_y), ImVec2(text_x + text_w, text_y + notice_h),
                             IM_COL32(0xFF, 0xF4, 0xE5, 0xFF), 12.0f);
    frame.draw.AddRect(ImVec2(text_x, text_y), ImVec2(text_x + text_w, text_y + notice_h),
                       color::kWarning, 12.0f, 0, 3.0f);
    text_centered(frame.draw, m_fonts.body, notice, ImVec2(text_x + 24.0f, text_y + 16.0f),
                  text_w - 48.0f, color::kWarning);
  }

  // Footer: what can be done here, or why it cannot right now.
  const bool online = frame.view.session.reader_online();
  const auto& footer = frame.text(online ? "attract.services" : "attract.reader_offline");
  float footer_h = text_height(m_fonts.body, footer, w * 0.9f);
  float footer_y = o.y + h - footer_h - h * 0.035f;
  frame.draw.AddLine(ImVec2(o.x + w * 0.05f, footer_y - h * 0.02f),
                     ImVec2(o.x + w * 0.95f, footer_y - h * 0.02f), color::kOutline, 2.0f);
  text_centered(frame.draw, m_fonts.body, footer, ImVec2(o.x + w * 0.05f, footer_y), w * 0.9f,
                online ? color::kTextMuted : color::kWarning);
  if (frame.view.demo) {
    const auto& keys = frame.text("attract.demo_keys");
    ImFont* font = m_fonts.body;
    float px = font->FontSize * 0.7f;
    ImVec2 size = font->CalcTextSizeA(px, FLT_MAX, 0.0f, keys.c_str());
    frame.draw.AddText(font, px, ImVec2(o.x + (w - size.x) * 0.5f, footer_y - h * 0.02f - px * 1.6f),
                       color::kOutline, keys.c_str());
  }
}

}  // namespace kiosk::ui
