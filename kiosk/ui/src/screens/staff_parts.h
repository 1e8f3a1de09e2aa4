#pragma once
// What the staff screens share: the title line with who is signed in, the last task's result,
// a label-value line, and the bottom row back to the staff menu.
#include <string_view>

#include "../screen_frame.h"
#include "kiosk/core/screens/staff_page.h"

namespace kiosk::ui {

// The brand bar, "员工模式 · S001" and the title TITLE_KEY (none when empty); returns the
// area below.
Rect staff_frame(ScreenFrame& frame, const core::screen::StaffPage& page,
                 std::string_view title_key);
// The last task's answer (or "working…") on one line at the top of AREA, which shrinks.
void draw_task_result(ScreenFrame& frame, Rect& area, const core::screen::StaffPage& page);
// "LABEL   VALUE" on one line at the top of AREA (which shrinks); VALUE in COLOR.
void draw_value_line(ScreenFrame& frame, Rect& area, std::string_view label, std::string_view value,
                     ImU32 color);
// A button row along the bottom of AREA (which shrinks) with "返回员工菜单"; true when tapped.
bool draw_staff_back(ScreenFrame& frame, Rect& area);
// Buttons side by side in a row at the top of AREA (which shrinks), one per label; the index
// tapped, or -1. Ids are "<id_prefix>/<index>".
int draw_button_row(ScreenFrame& frame, Rect& area, std::string_view id_prefix,
                    std::initializer_list<std::string_view> labels);

}  // namespace kiosk::ui
