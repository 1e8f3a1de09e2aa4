#pragma once
// What the UI thread drives beyond the screen: the devices and the central server link,
// started once and stopped when the kiosk stops (before the loop whose queue they feed).
#include <memory>

#include "devices/idcard_device.h"
#include "central/central_link.h"
#include "devices/printer_device.h"

namespace kiosk::app {

struct Services {
  std::unique_ptr<IdCardDevice> idcard;
  std::unique_ptr<PrinterDevice> printer;
  std::unique_ptr<CentralLink> central;

  // Simulated devices: the demo keys work and the screen says so.
  bool demo() const { return idcard && idcard->simulated(); }
};

}  // namespace kiosk::app
