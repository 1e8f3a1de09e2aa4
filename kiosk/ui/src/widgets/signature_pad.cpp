#include "kiosk/ui/signature_pad.h"

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/ui/theme.h"

namespace kiosk::ui {
namespace {
constexpr float kButtonRowMm = 18.0f;
constexpr float kClearWidthMm = 45.0f;
constexpr float kGapMm = 3.0f;
constexpr float kPenMm = 0.8f;
constexpr float kBaselineFromBottom = 0.25f;  // of the pad's height: where people sign

std::string item(std::string_view id, std::string_view part) {
  std::string name(id);
  name += '/';
  name += part;
  return name;
}

ImVec2 to_screen(const Rect& pad, core::SignaturePoint p) {
  return ImVec2(pad.min.x + p.x * pad.width(), pad.min.y + p.y * pad.height());
}
}  // namespace

std::optional<core::SignatureInput> signature_pad(std::string_view id, Rect area,
                                                  const core::Signature& signature,
                                                  const SignaturePadLabels& labels,
                                                  const FontSet& fonts, const Layout& layout,
                                                  ItemRects& rects) {
  using Kind = core::SignatureInput::Kind;
  const auto parts = layout.rows(area, {kFill, kButtonRowMm}, kGapMm);
  const Rect pad = parts[0];
  auto& draw = *ImGui::GetWindowDrawList();
  const float rounding = ImGui::GetStyle().FrameRounding;
  draw.AddRectFilled(pad.min, pad.max, color::kCard, rounding);
  draw.AddRect(pad.min, pad.max, color::kOutline, rounding, 0, 2.0f);
  const float baseline = pad.max.y - pad.height() * kBaselineFromBottom;
  const float margin = layout.mm(6.0f);
  draw.AddLine(ImVec2(pad.min.x + margin, baseline), ImVec2(pad.max.x - margin, baseline),
               color::kOutline, 2.0f);
  if (signature.point_count() == 0 && !labels.hint.empty()) {
    const TextStyle style{fonts.body, color::kTextMuted, TextAlign::centre};
    const Rect line{ImVec2(pad.min.x, baseline - layout.mm(14.0f)), ImVec2(pad.max.x, baseline)};
    draw_text(draw, labels.hint, line, style);
  }

  std::optional<core::SignatureInput> input;
  ImGui::SetCursorScreenPos(pad.min);
  const std::string pad_id = item(id, "pad");
  ImGui::InvisibleButton(pad_id.c_str(),
                         ImVec2(std::max(pad.width(), 1.0f), std::max(pad.height(), 1.0f)));
  rects.insert_or_assign(pad_id, pad.as_vec4());
  if (ImGui::IsItemActive()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const core::SignaturePoint p{std::clamp((m.x - pad.min.x) / pad.width(), 0.0f, 1.0f),
                                 std::clamp((m.y - pad.min.y) / pad.height(), 0.0f, 1.0f)};
    input = core::SignatureInput{Kind::point, p};
  } else if (ImGui::IsItemDeactivated()) {
    input = core::SignatureInput{Kind::end_stroke, {}};
  }

  // The strokes: a polyline each, a dot for a single point.
  draw.PushClipRect(pad.min, pad.max, true);
  const float pen = std::max(layout.mm(kPenMm), 2.0f);
  std::vector<ImVec2> points;
  for (std::size_t s = 0; s < signature.stroke_count(); ++s) {
    const auto stroke = signature.stroke(s);
    points.clear();
    for (const auto& p : stroke) points.push_back(to_screen(pad, p));
    if (points.size() == 1) {
      draw.AddCircleFilled(points[0], pen * 0.5f, color::kInk);
    } else if (!points.empty()) {
      draw.AddPolyline(points.data(), static_cast<int>(points.size()), color::kInk, 0, pen);
    }
  }
  draw.PopClipRect();

  Rect buttons = parts[1];
  const Rect clear = cut_right(buttons, layout.mm(kClearWidthMm));
  if (touch_button(item(id, "clear"), labels.clear, clear, ButtonKind::secondary, fonts.body,
                   rects)) {
    input = core::SignatureInput{Kind::clear, {}};
  }
  return input;
}

}  // namespace kiosk::ui
