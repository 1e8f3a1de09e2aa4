#include "kiosk.h"

#include <spdlog/spdlog.h>

#include "kiosk/receipts/claim_receipt.h"
#include "kiosk/ui/layout.h"

namespace kiosk::app {
namespace {
core::TimePoint now() { return std::chrono::steady_clock::now(); }
}  // namespace

Kiosk::Kiosk(const Config& config, const ui::Catalogue& catalogue, EventQueue& queue)
    : m_config(config), m_queue(queue), m_session(config.session), m_host(catalogue) {}

Kiosk::~Kiosk() {
  // Device threads push into the queue and the lookups answer into it: stop them before the
  // claim service (whose worker reads device states) and the session go.
  m_idcard.reset();
  m_printer.reset();
  m_lookups.reset();
  m_claims.reset();
}

std::expected<void, std::string> Kiosk::start_services() {
  auto idcard = IdCardDevice::start(m_config, m_queue);
  if (!idcard) return std::unexpected(idcard.error());
  m_idcard = std::move(*idcard);
  auto printer = PrinterDevice::start(m_config, m_queue);
  if (!printer) return std::unexpected(printer.error());
  m_printer = std::move(*printer);

  auto claims = ClaimService::start(m_config);
  if (!claims) return std::unexpected(claims.error());
  m_claims = std::move(*claims);
  m_claims->set_device_states([this] { return m_device_states.snapshot(); });
  m_claims->set_config_listener([this](const sync::RemoteConfig& config) {
    if (auto applied = m_remote.apply(config.body); !applied) {
      spdlog::error("config {} from the server not applied, the previous one stays: {}",
                    config.version, applied.error());
      return;
    }
    spdlog::info("config {} from the server applied", config.version);
    m_queue.push(core::TimeInput{core::time::Tick{}});  // wakes the screen to show its notices
  });
  m_claims->start_uploads();
  m_lookups = std::make_unique<Lookups>(m_claims->client_options(), m_claims->clock_guard(), m_queue);
  return {};
}

bool Kiosk::handle(core::Input input) {
  const bool touch = std::holds_alternative<core::PersonInput>(input) &&
                     std::holds_alternative<core::person::Touch>(std::get<core::PersonInput>(input));
  // Touches are too many to log one by one; everything else is one line.
  if (!touch) spdlog::info("{}", core::describe(input));
  const std::string before = m_session.screen_name();
  for (const auto& effect : m_session.handle(std::move(input), now())) {
    spdlog::info("{}", core::describe(effect));
    execute(effect);
  }
  m_device_states.update(m_session);
  if (before != m_session.screen_name()) {
    spdlog::info("session {} -> {}", before, m_session.screen_name());
  }
  return true;
}

bool Kiosk::handle_queued() {
  bool changed = false;
  for (auto& input : m_queue.drain()) changed = handle(std::move(input)) || changed;
  return changed;
}

void Kiosk::execute(const core::Effect& effect) {
  if (const auto* lookup = std::get_if<core::effect::LookUpMember>(&effect)) {
    const auto* identity = m_session.identity();
    if (m_lookups && identity) {
      m_lookups->look_up(lookup->visit, identity->id_number);
    } else {
      handle(core::server::LookupFailed{lookup->visit, core::server::LookupFailure::unreachable,
                                        core::ErrorClass::network});
    }
  } else if (std::holds_alternative<core::effect::WipePersonalData>(effect)) {
    if (m_lookups) m_lookups->cancel();
    m_host.wipe();
  }
  // effect::Speak: no voice output yet; the log line records the prompt.
}

ui::AppView Kiosk::app_view(ui::WallClock wall) const {
  ui::AppView view;
  view.now = now();
  view.wall = wall;
  view.center_name = m_config.center_name;
  view.demo = demo();
  if (m_config.display.dpi > 0) view.px_per_mm = ui::px_per_mm_from_dpi(static_cast<float>(m_config.display.dpi));
  for (const auto& notice : m_remote.current()->notices) {
    view.notices.push_back(ui::Notice{notice.title, notice.body});
  }
  if (m_claims) {
    const auto state = m_claims->sync_state();
    view.queue.pending = state.queue.pending + state.queue.sending + state.queue.retry_wait;
    view.queue.quarantined = state.queue.quarantined;
    view.queue.last_error_class =
        state.last_error_class ? std::string(core::to_string(*state.last_error_class)) : "";
  }
  return view;
}

bool Kiosk::draw_frame(ui::WallClock wall) {
  auto result = m_host.draw(m_session, app_view(wall));
  // A failing screen fails every frame: log it once, until it changes.
  if (result.failure != m_last_failure) {
    if (result.failure) spdlog::error("{}", *result.failure);
    m_last_failure = result.failure;
  }
  for (auto& input : result.inputs) handle(std::move(input));
  return !result.inputs.empty();
}

void Kiosk::demo_put_card(std::size_t index) {
  if (demo()) m_idcard->demo_put_card(index);
}

void Kiosk::demo_lift_card() {
  if (!demo()) return;
  m_idcard->demo_lift_card();
  // The reader cannot tell a lifted card from one still lying there; the demo knows.
  handle(core::device::CardRemoved{});
}

void Kiosk::demo_print_sample() {
  if (!demo() || !m_printer) return;
  receipts::ClaimReceiptOptions options;
  options.center_name = m_config.center_name;
  auto job = m_printer->print(receipts::claim_receipt(receipts::sample_claim(), options));
  if (!job) spdlog::error("printer: sample receipt not printed: {}", job.error());
}

}  // namespace kiosk::app
