#include "devices/idcard_device.h"

#include <unistd.h>

#include <spdlog/spdlog.h>

#include "devices/identity_from_card.h"
#include "drivers/idcard/card_file.h"
#include "kiosk/app/app.h"
#include "kiosk/core/overloaded.h"

namespace kiosk::app {
namespace {

// One poller event as zero or one session input, with a log line that names no person.
std::optional<core::Input> to_input(drivers::idcard::PollerEvent& event) {
  namespace pe = drivers::idcard::poller_event;
  return std::visit(
      core::overloaded{
          [](pe::CardRead& read) -> std::optional<core::Input> {
            auto identity = identity_from_card(read.card.identity, drivers::idcard::today_local());
            spdlog::info("idcard: card read (number {})",
                         identity.id_number_valid ? "valid" : "fails its checks");
            return core::device::CardRead{std::move(identity)};
          },
          [](pe::CardError& error) -> std::optional<core::Input> {
            spdlog::warn("idcard: card not readable: {}", error.error.message);
            return core::device::CardUnreadable{};
          },
          [](pe::ReaderOnline& online) -> std::optional<core::Input> {
            spdlog::info("idcard: reader online on {} at {} baud", online.path, online.baud);
            return core::device::ReaderStatus{core::device::Reader::online};
          },
          [](pe::ReaderOffline& offline) -> std::optional<core::Input> {
            spdlog::warn("idcard: reader offline: {}", offline.error.message);
            return core::device::ReaderStatus{core::device::Reader::offline};
          },
          [](pe::ReaderFault& fault) -> std::optional<core::Input> {
            spdlog::warn("idcard: reader fault: {}", fault.error.message);
            return core::device::ReaderStatus{core::device::Reader::offline};
          },
          [](pe::ReaderRecovered&) -> std::optional<core::Input> {
            spdlog::info("idcard: reader recovered");
            return core::device::ReaderStatus{core::device::Reader::online};
          },
          [](pe::SelfTest& test) -> std::optional<core::Input> {
            spdlog::info("idcard: self-test {}{}", test.passed ? "passed, SAM " : "failed: ",
                         test.passed ? test.sam_id : test.problem);
            return core::staff::TaskDone{
                core::StaffTask::reader_self_test,
                test.passed ? core::TaskOutcome::done : core::TaskOutcome::failed,
                test.passed ? test.sam_id : test.problem};
          },
      },
      event);
}

}  // namespace

std::expected<std::unique_ptr<IdCardDevice>, std::string> IdCardDevice::start(const Config& config,
                                                                              EventQueue& queue) {
  std::unique_ptr<IdCardDevice> device(new IdCardDevice());
  std::string port = config.idcard_port;
  if (port == "sim") {
    auto cards = drivers::idcard::load_card_fixtures(assets_dir() / "demo/cards");
    if (!cards) return std::unexpected("demo cards: " + cards.error().message);
    drivers::idcard::SimulatorOptions options;
    std::size_t card_count = cards->size();
    options.cards = std::move(*cards);
    // A pty without a symlink: two demo kiosks on one machine must not share a path.
    auto simulator = drivers::idcard::Simulator::start(std::move(options));
    if (!simulator) return std::unexpected("ID-card simulator: " + simulator.error().message);
    device->m_simulator = std::move(*simulator);
    port = device->m_simulator->path();
    spdlog::info("idcard: demo simulator on {} with {} cards", port, card_count);
  }
  drivers::idcard::PollerOptions options;
  options.path = port;
  IdCardDevice* self = device.get();
  device->m_poller = std::make_unique<drivers::idcard::Poller>(
      options, [&queue, self](drivers::idcard::PollerEvent event) {
        if (std::holds_alternative<drivers::idcard::poller_event::CardRead>(event)) {
          self->m_last_read.store(std::chrono::system_clock::now());
        }
        if (auto input = to_input(event)) queue.push(std::move(*input));
      });
  device->m_poller->start();
  return device;
}

IdCardDevice::~IdCardDevice() {
  if (m_poller) m_poller->stop();
  if (m_simulator) m_simulator->stop();
}

void IdCardDevice::self_test() {
  if (m_poller) m_poller->request_self_test();
}

std::optional<std::chrono::system_clock::time_point> IdCardDevice::last_read() const {
  const auto at = m_last_read.load();
  if (at == std::chrono::system_clock::time_point{}) return std::nullopt;
  return at;
}

void IdCardDevice::demo_put_card(std::size_t index) {
  if (m_simulator && m_simulator->put_card(index)) spdlog::info("demo: card {} placed", index + 1);
}

void IdCardDevice::demo_lift_card() {
  if (m_simulator) {
    m_simulator->lift_card();
    spdlog::info("demo: card lifted");
  }
}

}  // namespace kiosk::app
