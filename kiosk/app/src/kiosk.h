#pragma once
// The kiosk: the session, the screens' host, and the services the session's effects call
// (devices, the claim service, lookups, the server's configuration). It knows nothing of
// windows or GL: the runner (runner.h) owns those and calls in.
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "devices/idcard_device.h"
#include "devices/printer_device.h"
#include "kiosk/app/config.h"
#include "kiosk/app/event_queue.h"
#include "kiosk/core/session.h"
#include "kiosk/receipts/statement.h"
#include "kiosk/store/crypto.h"
#include "kiosk/ui/host.h"
#include "kiosk/ui/strings.h"
#include "services/a4_statements.h"
#include "services/claim_service.h"
#include "services/day_counts.h"
#include "services/device_states.h"
#include "services/lookups.h"
#include "services/remote_config.h"
#include "services/statement_registry.h"
#include "services/voice_player.h"

namespace kiosk::app {

class Kiosk {
 public:
  Kiosk(const Config& config, const ui::Catalogue& catalogue, EventQueue& queue);
  ~Kiosk();

  // Starts the devices and the claim service; their events arrive through the queue.
  std::expected<void, std::string> start_services();

  // Applies INPUT to the session and performs the effects it returns. True when what the
  // screen shows may have changed.
  bool handle(core::Input input);
  // Everything the device and sync threads queued.
  bool handle_queued();
  // Draws the current screen; call between ImGui::NewFrame and ImGui::Render. The person's
  // taps are handled before it returns; true when there were any.
  bool draw_frame(ui::WallClock wall);
  ui::Host& host() { return m_host; }
  const core::Session& session() const { return m_session; }

  // Simulated devices: the demo keys work and the screen says so.
  bool demo() const { return m_idcard && m_idcard->simulated(); }
  // Demo keys: put demo card INDEX on the simulated reader, lift it, print the sample receipt.
  void demo_put_card(std::size_t index);
  void demo_lift_card();
  void demo_print_sample();

 private:
  void execute(const core::Effect& effect);
  // Builds, numbers, registers and prints the statement on the printer the effect names;
  // answers at once with printer::StatementQueued, or JobFailed / A4Job with job 0.
  void print_statement(const core::effect::PrintStatement& print);
  std::expected<void, std::string> register_statement(const receipts::Statement& statement);
  // Opens the registration queue and starts its sender (after the claim service), and the
  // A4 printer when the config names one.
  void start_statements();
  void save_claim(const core::effect::SaveClaim& save);
  // Tells the session when the claim just saved reaches the server.
  void check_upload();
  ui::AppView app_view(ui::WallClock wall) const;
  // Staff mode (kiosk_staff.cpp).
  void check_staff_pin(const core::effect::CheckStaffPin& check);
  void run_staff_action(const core::effect::StaffAction& action);
  core::TaskResult perform_staff(const core::effect::StaffAction& action);
  // A staff print finished: its task's answer, and today's count.
  void on_staff_job(const core::PrinterInput& printer);
  // Closed by staff before a restart: closed again.
  void restore_service();
  void refresh_staff_view();

  const Config& m_config;
  EventQueue& m_queue;
  core::Session m_session;
  ui::Host m_host;
  std::optional<std::string> m_last_failure;
  std::optional<std::string> m_watched_claim;  // saved in this visit, not yet uploaded
  std::chrono::steady_clock::time_point m_next_upload_check{};
  DeviceStates m_device_states;
  RemoteConfig m_remote;
  std::unique_ptr<ClaimService> m_claims;
  // Printed statements on their way to the server; the store's key hashes the ID number.
  std::unique_ptr<StatementRegistry> m_statements;
  std::optional<store::Cipher> m_cipher;
  std::unique_ptr<A4Statements> m_a4;  // [a4] printer; null: statements print on receipts
  std::unique_ptr<Lookups> m_lookups;
  std::unique_ptr<VoicePlayer> m_voice;  // the prompts the session speaks
  std::unique_ptr<PrinterDevice> m_printer;
  std::unique_ptr<IdCardDevice> m_idcard;  // last: stopped first, it feeds the others
  // Staff mode: what its screens show, the print a staff task waits for, the PIN check.
  struct StaffJob {
    std::uint64_t job = 0;
    core::TaskResult result;
    std::optional<Printed> counted;  // added to today's counts when done
  };
  ui::StaffView m_staff_view;
  std::optional<StaffJob> m_staff_job;
  std::jthread m_pin_check;  // declared last: joined first, before the store goes
};

}  // namespace kiosk::app
