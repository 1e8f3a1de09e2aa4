#include "claim_steps.h"

#include "../screen_frame.h"
#include "kiosk/core/mask.h"
#include "kiosk/core/money.h"
#include "kiosk/ui/number_pad.h"
#include "kiosk/ui/scroll_list.h"
#include "kiosk/ui/signature_pad.h"
#include "kiosk/ui/theme.h"

namespace kiosk::ui {
namespace {
using Form = core::screen::ClaimForm;

void box(ScreenFrame& frame, Rect rect, ImU32 outline) {
  const float r = frame.layout().mm(3.0f);
  frame.draw().AddRectFilled(rect.min, rect.max, color::kCard, r);
  frame.draw().AddRect(rect.min, rect.max, outline, r, 0, 2.0f);
}

// Text at the top of AREA, which shrinks below it.
void paragraph(ScreenFrame& frame, std::string_view text, Rect& area, ImFont* font, ImU32 color,
               TextAlign align = TextAlign::left) {
  const TextStyle style{font, color, align};
  const float height = measure_text(text, area.width(), style);
  draw_text(frame.draw(), text, cut_top(area, height), style);
  cut_top(area, frame.layout().mm(2.0f));
}

std::string yuan(core::Fen fen) {
  return core::format_yuan(fen) + " 元";
}
}  // namespace

void draw_choose_step(ScreenFrame& frame, const Form& form, Rect area) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const auto& bills = frame.session().bills();
  if (bills.empty()) {
    paragraph(frame, frame.text("claim.no_records"), area, fonts.body, color::kWarning,
              TextAlign::centre);
    return;
  }
  paragraph(frame, frame.text("claim.choose_hint"), area, fonts.body, color::kTextMuted);
  const float row_h = std::max(layout.mm(24.0f), layout.touch_target());
  auto result = scroll_list(
      "claim.records", area, frame.scroll("claim.records"), bills.size(), row_h, layout.mm(3.0f),
      [&](ImDrawList& draw, const RowContext& row) {
        const auto& bill = bills[row.index];
        const bool chosen = row.index < form.chosen.size() && form.chosen[row.index];
        box(frame, row.rect, chosen ? color::kPrimary : color::kOutline);
        Rect inner = inset(row.rect, layout.mm(4.0f), layout.mm(2.0f));
        Rect check = centred(cut_left(inner, layout.mm(10.0f)), layout.mm(8.0f, 8.0f));
        draw.AddRect(check.min, check.max, color::kPrimary, 4.0f, 0, 3.0f);
        if (chosen) {
          draw.AddLine(
              ImVec2(check.min.x + check.width() * 0.2f, check.centre().y),
              ImVec2(check.min.x + check.width() * 0.45f, check.max.y - check.height() * 0.2f),
              color::kPrimary, 4.0f);
          draw.AddLine(
              ImVec2(check.min.x + check.width() * 0.45f, check.max.y - check.height() * 0.2f),
              ImVec2(check.max.x - check.width() * 0.15f, check.min.y + check.height() * 0.2f),
              color::kPrimary, 4.0f);
        }
        cut_left(inner, layout.mm(4.0f));
        auto halves = layout.rows(inner, {kFill, kFill}, 1.0f);
        draw_text(draw, bill.institution, halves[0], TextStyle{fonts.body, color::kText});
        const auto detail = fmt::format(
            "{}  {}", frame.text(fmt::format("visit_type.{}", core::to_string(bill.visit_type))),
            core::format_date(bill.discharged));
        draw_text(draw, detail, halves[1], TextStyle{fonts.body, color::kTextMuted});
        const auto cost = fill(frame.text("identified.personal_cost"),
                               fmt::arg("amount", core::format_yuan(core::personal_total(bill))));
        draw_text(draw, cost, halves[1], TextStyle{fonts.body, color::kPrimary, TextAlign::right});
      },
      frame.rects());
  if (result.tapped) frame.add_intent(Form::Intent{Form::Toggle{*result.tapped}});
}

void draw_estimate_step(ScreenFrame& frame, const Form& form, Rect area) {
  const auto& fonts = frame.fonts();
  const Layout& layout = frame.layout();
  paragraph(frame,
            fill(frame.text("claim.estimate_total"),
                 fmt::arg("amount", core::format_yuan(form.estimate.total_benefit_fen))),
            area, fonts.heading, color::kPrimary, TextAlign::centre);
  paragraph(frame, frame.text("claim.estimate_note"), area, fonts.body, color::kTextMuted,
            TextAlign::centre);
  cut_top(area, layout.mm(3.0f));
  if (form.estimate.plans.empty()) {
    paragraph(frame, frame.text("claim.estimate_none"), area, fonts.body, color::kWarning);
  }
  for (const auto& plan : form.estimate.plans) {
    paragraph(frame,
              fill(frame.text("claim.estimate_plan"), fmt::arg("plan", plan.plan_name),
                   fmt::arg("year", plan.year), fmt::arg("amount", yuan(plan.benefit_fen))),
              area, fonts.body, color::kText);
    for (const auto& line : plan.explanation) {
      paragraph(frame, "· " + line, area, fonts.body, color::kTextMuted);
    }
    cut_top(area, layout.mm(2.0f));
  }
}

void draw_details_step(ScreenFrame& frame, const Form& form, Rect area) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const auto& session = frame.session();
  const float field_h = std::max(layout.mm(22.0f), layout.touch_target());
  auto field = [&](const char* id, const char* label, const std::string& value, Form::Field which) {
    paragraph(frame, frame.text(label), area, fonts.body, color::kTextMuted);
    Rect rect = cut_top(area, field_h);
    cut_top(area, layout.mm(4.0f));
    const bool editing = form.editing == which;
    if (frame.button(id, "", rect, ButtonKind::secondary, fonts.body)) {
      frame.add_intent(Form::Intent{Form::Edit{which}});
    }
    box(frame, rect, editing ? color::kPrimary : color::kOutline);
    // One line, centred in the box: the heading face at the size the box holds.
    const float px = std::min(fonts.heading->FontSize, field_h / kLineSpacing * 0.7f);
    const float line_h = px * kLineSpacing;
    Rect line = inset(rect, layout.mm(5.0f), (field_h - line_h) * 0.5f);
    draw_text(frame.draw(), value.empty() ? frame.text("claim.tap_to_type") : value, line,
              TextStyle{fonts.heading, value.empty() ? color::kTextMuted : color::kText,
                        TextAlign::left, px});
  };
  std::string bank = form.bank_account.display();
  if (form.use_member_bank && session.member()) {
    bank = core::mask_bank_account(session.member()->bank_account.reveal());
  }
  field("claim.bank_account", "claim.bank_label", bank, Form::Field::bank_account);
  std::string phone = form.phone.display();
  if (form.use_member_phone && session.member())
    phone = core::mask_phone(session.member()->phone.reveal());
  field("claim.phone", "claim.phone_label", phone, Form::Field::phone);
  if (form.editing == Form::Field::none) return;
  const core::Keypad& pad = form.editing == Form::Field::phone ? form.phone : form.bank_account;
  NumberPadLabels labels{frame.text("keypad.erase"), frame.text("keypad.clear"),
                         frame.text("keypad.confirm"), frame.text("claim.tap_to_type")};
  if (auto key = number_pad("claim.keypad", area, pad, labels, fonts, layout, frame.rects())) {
    frame.add_intent(Form::Intent{Form::Key{*key}});
  }
}

void draw_commitment_step(ScreenFrame& frame, const Form& form, Rect area) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  Rect pad = cut_bottom(area, std::min(layout.mm(75.0f), area.height() * 0.5f));
  paragraph(frame, frame.text("claim.commitment_text"), area, fonts.body, color::kText);
  SignaturePadLabels labels{frame.text("claim.sign_clear"), frame.text("claim.sign_hint")};
  if (auto input = signature_pad("claim.signature", pad, form.signature, labels, fonts, layout,
                                 frame.rects())) {
    frame.add_intent(Form::Intent{Form::Sign{*input}});
  }
}

void draw_confirm_step(ScreenFrame& frame, const Form& form, Rect area) {
  const auto& fonts = frame.fonts();
  const auto& session = frame.session();
  paragraph(frame, frame.text("claim.confirm_hint"), area, fonts.body, color::kTextMuted);
  auto line = [&](const char* key, const std::string& value) {
    paragraph(frame, fill(frame.text(key), fmt::arg("value", value)), area, fonts.body,
              color::kText);
  };
  line("claim.confirm_records", std::to_string(form.chosen_count()));
  line("claim.confirm_amount", core::format_yuan(form.estimate.total_benefit_fen));
  // Masked straight from the Secrets: no plain copy of the number is made here.
  line("claim.confirm_bank", form.use_member_bank && session.member()
                                 ? core::mask_bank_account(session.member()->bank_account.reveal())
                                 : core::mask_bank_account(form.bank_account.value().reveal()));
  const std::string phone = form.use_member_phone && session.member()
                                ? core::mask_phone(session.member()->phone.reveal())
                                : form.phone.display();
  line("claim.confirm_phone", phone);
}

}  // namespace kiosk::ui
