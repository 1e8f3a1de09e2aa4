#pragma once
// The claims list the queue and reprint pages share: one row per claim with its serial
// number, short number, time, upload state and, when refused, the server's reason.
#include <optional>
#include <span>
#include <string_view>

#include "../screen_frame.h"

namespace kiosk::ui {

// Draws ROWS in AREA as a scrolling list named ID; HINT (may be empty) is the muted line a
// row shows on its right, e.g. "tap to send again" (only rows where WANTS_HINT). Returns the
// row tapped.
std::optional<std::size_t> draw_staff_claims(ScreenFrame& frame, std::string_view id, Rect area,
                                             std::span<const StaffClaimRow> rows,
                                             std::string_view hint,
                                             bool (*wants_hint)(const StaffClaimRow&));
// The words for a claim's upload state.
const std::string& upload_text(const ScreenFrame& frame, core::UploadState state);

}  // namespace kiosk::ui
