#pragma once
// The terminal's devices, started once and stopped when the kiosk stops.
#include <memory>

#include "devices/idcard_device.h"
#include "devices/printer_device.h"

namespace kiosk::app {

struct Devices {
  std::unique_ptr<IdCardDevice> idcard;
  std::unique_ptr<PrinterDevice> printer;

  // Simulated devices: the demo keys work and the screen says so.
  bool demo() const { return idcard && idcard->simulated(); }
};

}  // namespace kiosk::app
