#pragma once
// The claim wizard's steps, each drawing into the area between the title and the buttons.
#include "kiosk/core/screens/claim_form.h"
#include "kiosk/ui/layout.h"

namespace kiosk::ui {
class ScreenFrame;

void draw_choose_step(ScreenFrame& frame, const core::screen::ClaimForm& form, Rect area);
void draw_estimate_step(ScreenFrame& frame, const core::screen::ClaimForm& form, Rect area);
void draw_details_step(ScreenFrame& frame, const core::screen::ClaimForm& form, Rect area);
void draw_commitment_step(ScreenFrame& frame, const core::screen::ClaimForm& form, Rect area);
void draw_confirm_step(ScreenFrame& frame, const core::screen::ClaimForm& form, Rect area);

}  // namespace kiosk::ui
