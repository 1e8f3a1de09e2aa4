// The devices and the network for staff, each with its test and the test's result.
#include "kiosk/core/screens/staff_devices.h"

#include "kiosk/ui/theme.h"
#include "staff_parts.h"
#include "visit_parts.h"

namespace kiosk::ui {
namespace {
using Devices = core::screen::StaffDevices;

// A value from the app's view: a catalogue key when it is one, else as written.
std::string shown(const ScreenFrame& frame, const std::string& value) {
  if (value.rfind("staff.", 0) == 0) return frame.text(value);
  return value.empty() ? frame.text("staff.never") : value;
}

ImU32 tone(const std::string& key) {
  return key.ends_with("_ok") || key.ends_with("_online") ? color::kText : color::kWarning;
}

}  // namespace

template <>
void draw_screen(const Devices& screen, ScreenFrame& frame) {
  const Layout& layout = frame.layout();
  const auto& staff = frame.view().staff;
  Rect area = staff_frame(frame, screen, "staff.devices");
  if (draw_staff_back(frame, area)) frame.add_intent(Devices::Intent{Devices::Back{}});
  draw_task_result(frame, area, screen);

  draw_line(frame, area, frame.text("staff.printer"), color::kPrimary);
  draw_value_line(frame, area, staff.printer_model, shown(frame, staff.printer_state),
                  tone(staff.printer_state));
  const int printer_tool =
      draw_button_row(frame, area, "staff.devices.printer", {frame.text("staff.test_page")});
  if (printer_tool == 0) frame.add_intent(Devices::Intent{Devices::TestPage{}});
  cut_top(area, layout.mm(3.0f));

  draw_line(frame, area, frame.text("staff.reader"), color::kPrimary);
  draw_value_line(frame, area, frame.text("staff.reader"), shown(frame, staff.reader_state),
                  tone(staff.reader_state));
  draw_value_line(frame, area, frame.text("staff.last_card"), shown(frame, staff.last_card_read),
                  color::kText);
  if (draw_button_row(frame, area, "staff.devices.reader", {frame.text("staff.self_test")}) == 0) {
    frame.add_intent(Devices::Intent{Devices::ReaderSelfTest{}});
  }
  cut_top(area, layout.mm(3.0f));

  draw_line(frame, area, frame.text("staff.network"), color::kPrimary);
  draw_value_line(frame, area, frame.text("staff.network"), shown(frame, staff.server_state),
                  tone(staff.server_state));
  draw_value_line(frame, area, frame.text("staff.clock"), shown(frame, staff.clock_state),
                  tone(staff.clock_state));
  draw_value_line(frame, area, frame.text("staff.terminal"), staff.terminal_id, color::kText);
  draw_value_line(frame, area, frame.text("staff.config_version"), staff.config_version,
                  color::kText);
  draw_value_line(frame, area, frame.text("staff.version"), staff.version, color::kText);
  if (draw_button_row(frame, area, "staff.devices.tools", {frame.text("staff.refresh")}) == 0) {
    frame.add_intent(Devices::Intent{Devices::Refresh{}});
  }
}

}  // namespace kiosk::ui
