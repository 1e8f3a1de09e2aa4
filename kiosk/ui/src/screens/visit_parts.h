#pragma once
// What the records, record and progress screens share: the back and home row, money and
// dates in the person's words, the line saying a record is already claimed, one-line fitting.
#include <string>
#include <string_view>

#include "../screen_frame.h"
#include "kiosk/core/bill.h"
#include "kiosk/core/claim_line.h"

namespace kiosk::ui {

// Along the bottom of AREA (which shrinks): BACK_KEY's button (id BACK_ID) and "返回首页".
// Home ends the visit by itself; true when "back" was tapped.
bool draw_back_home(ScreenFrame& frame, Rect& area, std::string_view back_id,
                    std::string_view back_key);
// A heading centred at the top of AREA (which shrinks), with a little room below.
void draw_title(ScreenFrame& frame, Rect& area, std::string_view key);
// A plain line centred at the top of AREA (which shrinks), broken to its width.
void draw_line(ScreenFrame& frame, Rect& area, std::string_view text, ImU32 color);

// "1,234.56 元" / "¥1,234.56".
std::string yuan(const ScreenFrame& frame, core::Fen fen);
// "住院" / "Inpatient".
const std::string& visit_type_text(const ScreenFrame& frame, core::VisitType type);
// "住院 2024-03-01 至 2024-03-12" or "就诊 2024-03-05".
std::string record_dates(const ScreenFrame& frame, const core::Bill& bill);
// The words for where a claim stands: "待上传", "审核中", ...
const std::string& stage_text(const ScreenFrame& frame, core::ClaimStage stage);
// "已申报 · 编号 3F2A9C1B · 审核中".
std::string claimed_mark(const ScreenFrame& frame, const core::ClaimLine& claim);
// A row's card inside a scroll list: clear of the list's edges (its outline would be clipped)
// and of the position bar on the right.
Rect card_in_row(const Layout& layout, Rect row);
// TEXT cut (with "…") to fit WIDTH pixels on one line at SIZE_PX in FONT.
std::string fit_line(ImFont* font, float size_px, std::string_view text, float width);

}  // namespace kiosk::ui
