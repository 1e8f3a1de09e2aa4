#include "devices/printer_device.h"

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include "drivers/printer/encoder.h"

namespace kiosk::app {
namespace {

core::printer::Status to_session(const drivers::printer::Status& status) {
  core::printer::Status out;
  out.online = status.replied && status.online && !status.unrecoverable_error;
  out.cover_open = status.cover_open;
  using drivers::printer::Paper;
  out.paper = status.paper == Paper::out        ? core::printer::Paper::out
              : status.paper == Paper::near_end ? core::printer::Paper::near_end
                                                : core::printer::Paper::ok;
  return out;
}

// Why a job did not print, in the session's words: what the staff must do differs.
core::printer::JobFailure to_failure(const drivers::printer::Status& status) {
  if (status.paper == drivers::printer::Paper::out) return core::printer::JobFailure::paper_out;
  if (status.cover_open) return core::printer::JobFailure::cover_open;
  if (!status.replied || !status.online || status.unrecoverable_error) {
    return core::printer::JobFailure::offline;
  }
  return core::printer::JobFailure::error;
}

void log_event(const drivers::printer::SpoolerEvent& event) {
  using Kind = drivers::printer::SpoolerEvent::Kind;
  switch (event.kind) {
    case Kind::status:
      spdlog::info("printer: {} paper {}{}", event.status.online ? "online" : "offline",
                   drivers::printer::to_string(event.status.paper),
                   event.status.cover_open ? ", cover open" : "");
      break;
    case Kind::warning: spdlog::warn("printer: {}", event.message); break;
    case Kind::job_started: spdlog::info("printer: job {} started", event.job); break;
    case Kind::job_done: spdlog::info("printer: job {} done", event.job); break;
    case Kind::job_refused:
      spdlog::warn("printer: job {} refused: {}", event.job, event.message);
      break;
    case Kind::job_failed:
      spdlog::error("printer: job {} failed: {}", event.job, event.message);
      break;
  }
}

}  // namespace

std::expected<std::unique_ptr<PrinterDevice>, std::string> PrinterDevice::start(
    const Config& config, EventQueue& queue) {
  std::unique_ptr<PrinterDevice> device(new PrinterDevice());
  device->m_profile = drivers::printer::generic_80mm();
  drivers::printer::SpoolerOptions options;
  options.uri = config.printer_device;
  options.profile = device->m_profile;
  if (config.printer_device == "sim") {
    drivers::printer::VirtualPrinterOptions sim;
    sim.out_dir = config.data_dir / "prints";
    sim.profile = device->m_profile;
    auto printer = drivers::printer::VirtualPrinter::start(std::move(sim));
    if (!printer) return std::unexpected("virtual printer: " + printer.error().message);
    device->m_virtual = std::move(*printer);
    device->m_virtual->on_page([](const std::filesystem::path& png) {
      spdlog::info("printer: demo receipt saved to {}", png.string());
    });
    options.uri = device->m_virtual->uri();
    spdlog::info("printer: demo virtual printer on {}, receipts in {}", options.uri,
                 (config.data_dir / "prints").string());
  }
  // Status changes go to the session (screens, heartbeat); everything is logged.
  device->m_spooler = std::make_unique<drivers::printer::Spooler>(
      options, [&queue](const drivers::printer::SpoolerEvent& event) {
        log_event(event);
        using Kind = drivers::printer::SpoolerEvent::Kind;
        switch (event.kind) {
          case Kind::status: queue.push(to_session(event.status)); break;
          case Kind::job_done: queue.push(core::printer::JobDone{event.job}); break;
          case Kind::job_refused:
          case Kind::job_failed:
            queue.push(core::printer::JobFailed{event.job, to_failure(event.status)});
            break;
          case Kind::warning:
          case Kind::job_started: break;
        }
      });
  return device;
}

PrinterDevice::~PrinterDevice() {
  if (m_spooler) m_spooler->stop();
  if (m_virtual) m_virtual->stop();
}

std::expected<std::uint64_t, std::string> PrinterDevice::print(
    const drivers::printer::Document& document) {
  auto encoded = drivers::printer::encode(document, m_profile);
  if (!encoded) return std::unexpected(encoded.error().message);
  if (!encoded->unprintable.empty()) {
    spdlog::warn("printer: {} characters beyond the printer's font were printed as images",
                 encoded->unprintable.size());
  }
  return m_spooler->submit(std::move(encoded->bytes));
}

}  // namespace kiosk::app
