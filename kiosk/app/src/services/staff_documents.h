#pragma once
// What staff print on the receipt printer: the test page (every kind of block the receipts
// use, so a fault shows) and the day summary (日结单). Neither holds personal data.
#include <string>

#include "drivers/printer/document.h"
#include "kiosk/ui/app_view.h"

namespace kiosk::app {

struct PrintHeader {
  std::string center_name;
  std::string terminal_id;
  std::string printed_at;  // "2026-11-29 14:03"
  std::string staff_id;
};

drivers::printer::Document test_page(const PrintHeader& header, const std::string& printer_model);
drivers::printer::Document day_summary(const PrintHeader& header, const ui::DaySummary& day);

}  // namespace kiosk::app
