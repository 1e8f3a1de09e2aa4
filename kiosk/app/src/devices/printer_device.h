#pragma once
// The receipt printer as the app sees it: the spooler thread on the configured device, or
// in demo mode on the in-process virtual printer, which keeps every receipt as a PNG under
// <data_dir>/prints.
#include <expected>
#include <memory>
#include <string>

#include "drivers/printer/document.h"
#include "drivers/printer/spooler.h"
#include "drivers/printer/virtual_printer.h"
#include "kiosk/app/config.h"
#include "kiosk/app/event_queue.h"

namespace kiosk::app {

class PrinterDevice {
 public:
  // Status changes reach the session through QUEUE.
  static std::expected<std::unique_ptr<PrinterDevice>, std::string> start(const Config& config,
                                                                          EventQueue& queue);
  ~PrinterDevice();

  bool simulated() const { return m_virtual != nullptr; }
  // Encodes and queues DOCUMENT; returns the job number. Its outcome reaches the session
  // through the queue as core::printer::JobDone or JobFailed with that number.
  std::expected<std::uint64_t, std::string> print(const drivers::printer::Document& document);

 private:
  PrinterDevice() = default;
  drivers::printer::Profile m_profile;
  std::unique_ptr<drivers::printer::VirtualPrinter> m_virtual;
  std::unique_ptr<drivers::printer::Spooler> m_spooler;
};

}  // namespace kiosk::app
