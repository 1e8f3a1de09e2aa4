// The personal-share statement: three period choices (this year, last year, months from-to
// with steppers), the records and totals in the chosen period, the paper (A4 or receipt, on
// a terminal with an A4 printer), and printing with its progress and outcome: the A4 job's
// state in words with what to do, the question whether to use the receipt printer when A4
// fails, and the verification number once printed. All touch: no keyboard. The totals are
// core's sums, the same the paper prints.
#include "kiosk/core/screens/statement.h"

#include <algorithm>
#include <cfloat>

#include "../screen_frame.h"
#include "kiosk/core/money.h"
#include "kiosk/ui/theme.h"

namespace kiosk::ui {
namespace {
using core::screen::Statement;
using namespace std::chrono;

std::string month_text(ScreenFrame& frame, year_month month) {
  return fill(frame.text("statement.month"), fmt::arg("year", static_cast<int>(month.year())),
              fmt::arg("month", static_cast<unsigned>(month.month())));
}

core::Date today(const WallClock& wall) {
  return year{wall.year} / month{static_cast<unsigned>(wall.month)} /
         day{static_cast<unsigned>(wall.day)};
}

// One "from" or "to" row: label, [-], the month, [+].
void draw_stepper(ScreenFrame& frame, const Statement& screen, Statement::Bound bound, Rect row) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const bool from = bound == Statement::Bound::from;
  const float side = std::max(layout.touch_target(), row.height());
  auto cols = split_columns(row, {layout.mm(30.0f), side, kFill, side}, layout.mm(4.0f));
  text_centered(frame.draw(), fonts.heading, frame.text(from ? "statement.from" : "statement.to"),
                ImVec2(cols[0].min.x, cols[0].centre().y - fonts.heading->FontSize * 0.6f),
                cols[0].width(), color::kText);
  const char* minus_id = from ? "statement.from_earlier" : "statement.to_earlier";
  const char* plus_id = from ? "statement.from_later" : "statement.to_later";
  const auto kind = [&](int months) {
    return screen.can_step(bound, months) ? ButtonKind::secondary : ButtonKind::disabled;
  };
  if (frame.button(minus_id, frame.text("statement.step_earlier"), cols[1], kind(-1),
                   fonts.heading)) {
    frame.add_intent(Statement::Intent{Statement::Step{bound, -1}});
  }
  const auto month = from ? screen.period.from : screen.period.to;
  text_centered(frame.draw(), fonts.heading, month_text(frame, month),
                ImVec2(cols[2].min.x, cols[2].centre().y - fonts.heading->FontSize * 0.6f),
                cols[2].width(), color::kPrimary);
  if (frame.button(plus_id, frame.text("statement.step_later"), cols[3], kind(+1), fonts.heading)) {
    frame.add_intent(Statement::Intent{Statement::Step{bound, +1}});
  }
}

// Label on the left, amount on the right, one line of the totals card.
float draw_total_line(ScreenFrame& frame, Rect& area, const std::string& label,
                      const std::string& value, ImFont* font, ImU32 colour) {
  const float h = font->FontSize * 1.5f;
  Rect line = cut_top(area, h);
  draw_text(frame.draw(), label, line, TextStyle{font, color::kText});
  draw_text(frame.draw(), value, line, TextStyle{font, colour, TextAlign::right});
  return h;
}

const char* failure_key(std::optional<core::printer::JobFailure> failure) {
  if (!failure) return "statement.failed_error";
  switch (*failure) {
    case core::printer::JobFailure::paper_out: return "statement.failed_paper_out";
    case core::printer::JobFailure::cover_open: return "statement.failed_cover_open";
    case core::printer::JobFailure::offline: return "statement.failed_offline";
    case core::printer::JobFailure::error: break;
  }
  return "statement.failed_error";
}

const char* a4_key(core::printer::A4State state) {
  using core::printer::A4State;
  switch (state) {
    case A4State::sending: return "a4.sending";
    case A4State::waiting: return "a4.waiting";
    case A4State::printing: return "a4.printing";
    case A4State::done: return "a4.done";
    case A4State::paper_out: return "a4.paper_out";
    case A4State::jammed: return "a4.jammed";
    case A4State::cover_open: return "a4.cover_open";
    case A4State::stopped: return "a4.stopped";
    case A4State::printer_gone: return "a4.printer_gone";
    case A4State::refused: return "a4.refused";
    case A4State::canceled: return "a4.canceled";
    case A4State::failed: break;
  }
  return "a4.failed";
}

// What the A4 job's last report means for the person, and what to do about it.
std::string a4_status(ScreenFrame& frame, const Statement& screen) {
  // Many printers never count pages (job-impressions-completed): "0 pages" would only worry.
  const char* key = screen.a4 == core::printer::A4State::printing && screen.a4_pages > 0
                        ? "a4.printing_pages"
                        : a4_key(screen.a4);
  std::string text = fill(frame.text(key), fmt::arg("pages", screen.a4_pages));
  const bool blocked = screen.a4 == core::printer::A4State::paper_out ||
                       screen.a4 == core::printer::A4State::jammed ||
                       screen.a4 == core::printer::A4State::cover_open ||
                       screen.a4 == core::printer::A4State::stopped;
  if (blocked) {
    text += frame.text(screen.a4_final ? "a4.gave_up" : "a4.goes_on");
  }
  return text;
}

// A4 or receipt, side by side: only on a terminal with an A4 printer.
void draw_printer_choice(ScreenFrame& frame, const Statement& screen, Rect& area) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const float row_h = std::max(layout.mm(20.0f), layout.touch_target());
  Rect row = cut_top(area, row_h);
  auto cols = split_columns(row, {layout.mm(30.0f), kFill, kFill}, layout.mm(4.0f));
  text_centered(frame.draw(), fonts.body, frame.text("statement.printer"),
                ImVec2(cols[0].min.x, cols[0].centre().y - fonts.body->FontSize * 0.6f),
                cols[0].width(), color::kText);
  const struct {
    core::StatementPrinter printer;
    const char* id;
  } kChoices[] = {{core::StatementPrinter::a4, "statement.printer_a4"},
                  {core::StatementPrinter::receipt, "statement.printer_receipt"}};
  for (std::size_t i = 0; i < 2; ++i) {
    const auto kind =
        screen.chosen == kChoices[i].printer ? ButtonKind::primary : ButtonKind::secondary;
    if (frame.button(kChoices[i].id, frame.text(kChoices[i].id), cols[i + 1], kind, fonts.body)) {
      frame.add_intent(Statement::Intent{Statement::ChoosePrinter{kChoices[i].printer}});
    }
  }
  cut_top(area, layout.mm(5.0f));
}

// "Print on the receipt printer instead?" with yes and no.
void draw_offer(ScreenFrame& frame, const Statement& screen, Rect& area, float button_h) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  cut_top(area, text_centered(frame.draw(), fonts.heading, a4_status(frame, screen), area.min,
                              area.width(), color::kWarning));
  cut_top(area, layout.mm(5.0f));
  cut_top(area, text_centered(frame.draw(), fonts.heading, frame.text("statement.offer_receipt"),
                              area.min, area.width(), color::kText));
  cut_top(area, layout.mm(5.0f));
  auto cols = split_columns(cut_top(area, button_h), 2, layout.mm(8.0f));
  const std::string yes = frame.text("statement.use_receipt");
  const std::string no =
      frame.text(screen.a4_alive() ? "statement.keep_waiting" : "statement.no_receipt");
  // Both answers at one size: the heading size when both fit on one line (English may not).
  const float room = cols[0].width() - layout.mm(6.0f);
  const auto width = [&](const std::string& text) {
    return fonts.heading->CalcTextSizeA(fonts.heading->FontSize, FLT_MAX, 0.0f, text.c_str()).x;
  };
  ImFont* font = width(yes) <= room && width(no) <= room ? fonts.heading : fonts.body;
  if (frame.button("statement.use_receipt", yes, cols[0], ButtonKind::primary, font)) {
    frame.add_intent(Statement::Intent{Statement::UseReceipt{Statement::Answer::yes}});
  }
  if (frame.button("statement.no_receipt", no, cols[1], ButtonKind::secondary, font)) {
    frame.add_intent(Statement::Intent{Statement::UseReceipt{Statement::Answer::no}});
  }
}

// Where the records stand when they cannot be counted yet; nullptr when loaded.
const char* lookup_key(core::Lookup lookup) {
  switch (lookup) {
    case core::Lookup::none:
    case core::Lookup::pending: return "statement.loading";
    case core::Lookup::failed:
    case core::Lookup::busy: return "statement.lookup_failed";
    case core::Lookup::not_a_member: return "identified.not_a_member";
    case core::Lookup::loaded: break;
  }
  return nullptr;
}

}  // namespace

template <>
void draw_screen(const Statement& screen, ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& fonts = frame.fonts();
  const auto& session = frame.session();
  const bool printing = screen.busy();
  const bool on_a4 = screen.printing_on == core::StatementPrinter::a4;
  Rect area = frame.brand_bar();

  // Bottom up: back to the menu and home, side by side.
  Rect nav = cut_bottom(area, std::max(layout.mm(27.0f), layout.touch_target()));
  auto nav_cols = split_columns(nav, 2, layout.mm(8.0f));
  if (frame.button("statement.back", frame.text("statement.back"), nav_cols[0],
                   printing ? ButtonKind::disabled : ButtonKind::secondary, fonts.heading)) {
    frame.add_intent(Statement::Intent{Statement::Back{}});
  }
  if (frame.button("home", frame.text("identified.home"), nav_cols[1], ButtonKind::primary,
                   fonts.heading)) {
    frame.add(core::PersonInput{core::person::GoHome{}});
  }
  cut_bottom(area, layout.mm(8.0f));

  cut_top(area, layout.mm(4.0f));
  cut_top(area, text_centered(frame.draw(), fonts.heading, frame.text("statement.title"), area.min,
                              area.width(), color::kText));
  cut_top(area, layout.mm(4.0f));
  cut_top(area, text_centered(frame.draw(), fonts.body, frame.text("statement.choose"), area.min,
                              area.width(), color::kTextMuted));
  cut_top(area, layout.mm(4.0f));

  // The three choices.
  const auto now = today(frame.view().wall);
  Rect choices = cut_top(area, std::max(layout.mm(24.0f), layout.touch_target()));
  auto cols = split_columns(choices, 3, layout.mm(5.0f));
  struct Choice {
    Statement::Range range;
    const char* id;
    std::string label;
  };
  const Choice kChoices[] = {
      {Statement::Range::this_year, "statement.this_year",
       fill(frame.text("statement.this_year"), fmt::arg("year", frame.view().wall.year))},
      {Statement::Range::last_year, "statement.last_year",
       fill(frame.text("statement.last_year"), fmt::arg("year", frame.view().wall.year - 1))},
      {Statement::Range::months, "statement.months", frame.text("statement.months")},
  };
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& choice = kChoices[i];
    const auto kind = printing                       ? ButtonKind::disabled
                      : screen.range == choice.range ? ButtonKind::primary
                                                     : ButtonKind::secondary;
    if (frame.button(choice.id, choice.label, cols[i], kind, fonts.body)) {
      frame.add_intent(Statement::Intent{Statement::Choose{choice.range, now}});
    }
  }
  cut_top(area, layout.mm(6.0f));
  if (!screen.range) return;

  if (screen.range == Statement::Range::months) {
    const float row_h = std::max(layout.mm(20.0f), layout.touch_target());
    draw_stepper(frame, screen, Statement::Bound::from, cut_top(area, row_h));
    cut_top(area, layout.mm(4.0f));
    draw_stepper(frame, screen, Statement::Bound::to, cut_top(area, row_h));
    cut_top(area, layout.mm(6.0f));
  }

  // The period and its totals on a card.
  cut_top(area, text_centered(frame.draw(), fonts.body,
                              fill(frame.text("statement.period"),
                                   fmt::arg("from", core::format_date(screen.period.first_day())),
                                   fmt::arg("to", core::format_date(screen.period.last_day()))),
                              area.min, area.width(), color::kText));
  cut_top(area, layout.mm(4.0f));
  if (const char* key = lookup_key(session.lookup())) {
    cut_top(area, text_centered(frame.draw(), fonts.heading, frame.text(key), area.min,
                                area.width(), color::kWarning));
    return;
  }
  const auto records = core::records_in(session.bills(), screen.period);
  const auto totals = core::sum_records(records);
  if (records.empty() || !totals) {
    cut_top(area,
            text_centered(frame.draw(), fonts.heading,
                          frame.text(records.empty() ? "statement.none" : "statement.too_large"),
                          area.min, area.width(), color::kWarning));
    return;
  }
  const float line = fonts.heading->FontSize * 1.5f;
  Rect card = cut_top(area, line * 4 + layout.mm(12.0f));
  frame.draw().AddRectFilled(card.min, card.max, color::kCard, layout.mm(2.0f));
  frame.draw().AddRect(card.min, card.max, color::kOutline, layout.mm(2.0f));
  Rect inner = inset(card, layout.mm(8.0f), layout.mm(6.0f));
  const auto yuan = [&](core::Fen fen) {
    return fill(frame.text("statement.yuan"), fmt::arg("amount", core::format_yuan(fen)));
  };
  draw_total_line(frame, inner, frame.text("statement.count"),
                  fill(frame.text("statement.count_value"), fmt::arg("count", totals->count)),
                  fonts.heading, color::kText);
  draw_total_line(frame, inner, frame.text("statement.total"), yuan(totals->total_fen),
                  fonts.heading, color::kText);
  draw_total_line(frame, inner, frame.text("statement.fund"), yuan(totals->fund_paid_fen),
                  fonts.heading, color::kText);
  draw_total_line(frame, inner, frame.text("statement.personal"), yuan(totals->personal_fen),
                  fonts.heading, color::kPrimary);
  cut_top(area, layout.mm(8.0f));

  // Printing: the button, or where the job stands.
  const float button_h = std::max(layout.mm(27.0f), layout.touch_target());
  switch (screen.stage) {
    case Statement::Stage::choosing: {
      const bool a4 = session.config().a4_printer;
      if (a4) draw_printer_choice(frame, screen, area);
      Rect print = centred(cut_top(area, button_h),
                           ImVec2(std::min(layout.mm(200.0f), area.width()), button_h));
      if (frame.button("statement.print", frame.text("statement.print"), print, ButtonKind::primary,
                       fonts.heading)) {
        frame.add_intent(Statement::Intent{Statement::Print{}});
      }
      cut_top(area, layout.mm(3.0f));
      const bool a4_chosen = screen.printer(session.config()) == core::StatementPrinter::a4;
      text_centered(frame.draw(), fonts.body,
                    frame.text(a4_chosen ? "statement.print_line_a4" : "statement.print_line"),
                    area.min, area.width(), color::kTextMuted);
      break;
    }
    case Statement::Stage::printing:
      cut_top(area,
              text_centered(frame.draw(), fonts.heading,
                            frame.text(on_a4 ? "statement.printing_a4" : "statement.printing"),
                            area.min, area.width(), color::kPrimary));
      if (on_a4) {
        cut_top(area, layout.mm(4.0f));
        const bool blocked = screen.keep_waiting && screen.a4 != core::printer::A4State::printing &&
                             screen.a4 != core::printer::A4State::waiting &&
                             screen.a4 != core::printer::A4State::sending;
        text_centered(frame.draw(), fonts.heading, a4_status(frame, screen), area.min, area.width(),
                      blocked ? color::kWarning : color::kText);
      }
      break;
    case Statement::Stage::offer_receipt: draw_offer(frame, screen, area, button_h); break;
    case Statement::Stage::printed:
    case Statement::Stage::failed: {
      const bool ok = screen.stage == Statement::Stage::printed;
      const char* key = ok      ? (on_a4 ? "statement.printed_a4" : "statement.printed")
                        : on_a4 ? "statement.failed_a4"
                                : failure_key(screen.failure);
      if (!ok && on_a4) {
        cut_top(area, text_centered(frame.draw(), fonts.heading, a4_status(frame, screen), area.min,
                                    area.width(), color::kWarning));
        cut_top(area, layout.mm(3.0f));
      }
      cut_top(area, text_centered(frame.draw(), fonts.heading, frame.text(key), area.min,
                                  area.width(), ok ? color::kPrimary : color::kWarning));
      if (ok && !screen.number.empty()) {
        // Staff and other offices check the paper by this number (GET /api/v1/statements/...).
        cut_top(area, layout.mm(4.0f));
        cut_top(area, text_centered(
                          frame.draw(), fonts.heading,
                          fill(frame.text("statement.number"), fmt::arg("number", screen.number)),
                          area.min, area.width(), color::kText));
        cut_top(area, layout.mm(2.0f));
        cut_top(area, text_centered(frame.draw(), fonts.body, frame.text("statement.number_line"),
                                    area.min, area.width(), color::kTextMuted));
      }
      cut_top(area, layout.mm(6.0f));
      Rect again = centred(cut_top(area, button_h),
                           ImVec2(std::min(layout.mm(200.0f), area.width()), button_h));
      if (frame.button("statement.again", frame.text("statement.again"), again,
                       ButtonKind::secondary, fonts.heading)) {
        frame.add_intent(Statement::Intent{Statement::Again{}});
      }
      break;
    }
  }
}

}  // namespace kiosk::ui
