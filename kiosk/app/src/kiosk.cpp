#include "kiosk.h"

#include <spdlog/spdlog.h>

#include "kiosk/api/statement_json.h"
#include "kiosk/app/app.h"
#include "kiosk/core/mask.h"
#include "kiosk/receipts/claim_receipt.h"
#include "kiosk/receipts/statement.h"
#include "kiosk/store/rules_toml.h"
#include "kiosk/ui/layout.h"
#include "services/statement_print.h"

namespace kiosk::app {
namespace {
core::TimePoint now() {
  return std::chrono::steady_clock::now();
}
}  // namespace

Kiosk::Kiosk(const Config& config, const ui::Catalogue& catalogue, EventQueue& queue)
    : m_config(config), m_queue(queue), m_session(config.session), m_host(catalogue) {}

Kiosk::~Kiosk() {
  // A staff PIN check reads the store: it finishes first.
  if (m_pin_check.joinable()) m_pin_check.join();
  // Device threads push into the queue and the lookups answer into it: stop them before the
  // claim service (whose worker reads device states) and the session go.
  m_idcard.reset();
  m_printer.reset();
  m_lookups.reset();
  m_claims.reset();
}

std::expected<void, std::string> Kiosk::start_services() {
  m_voice = std::make_unique<VoicePlayer>(m_config.voice, voice_dir());
  // The terminal's own rules file until the server's config brings its rules.
  const auto rules_file = assets_dir() / "rules" / "mutual-aid.toml";
  auto rules = store::load_rules_file(rules_file);
  if (!rules) return std::unexpected(fmt::format("benefit rules: {}", rules.error().message));
  handle(core::server::RulesLoaded{std::move(*rules)});

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
    auto applied = m_remote.apply(config.body);
    if (!applied) {
      spdlog::error("config {} from the server not applied, the previous one stays: {}",
                    config.version, applied.error());
      return;
    }
    spdlog::info("config {} from the server applied", config.version);
    if (!applied->rules_problem.empty()) {
      spdlog::error("config {}: its benefit rules are not used, the previous ones stay: {}",
                    config.version, applied->rules_problem);
    }
    if (applied->new_rules) {
      spdlog::info("benefit rules {} from the server in force", applied->new_rules->version);
      m_queue.push(core::server::RulesLoaded{std::move(*applied->new_rules)});
    }
    m_queue.push(core::TimeInput{core::time::Tick{}});  // wakes the screen to show its notices
  });
  m_claims->start_uploads();
  m_lookups =
      std::make_unique<Lookups>(m_claims->client_options(), m_claims->clock_guard(), m_queue);
  start_statements();
  restore_service();
  return {};
}

bool Kiosk::handle(core::Input input) {
  const bool touch =
      std::holds_alternative<core::PersonInput>(input) &&
      std::holds_alternative<core::person::Touch>(std::get<core::PersonInput>(input));
  // Touches are too many to log one by one; everything else is one line.
  if (!touch) spdlog::info("{}", core::describe(input));
  const std::string before = m_session.screen_name();
  // A print a staff task waits for answers that task too.
  std::optional<core::PrinterInput> printed;
  if (const auto* printer = std::get_if<core::PrinterInput>(&input)) printed = *printer;
  for (const auto& effect : m_session.handle(std::move(input), now())) {
    spdlog::info("{}", core::describe(effect));
    execute(effect);
  }
  if (printed) on_staff_job(*printed);
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
    if (m_a4) m_a4->cancel();  // the visit's statement must not print after the person left
    m_host.wipe();
    m_watched_claim.reset();
  } else if (const auto* save = std::get_if<core::effect::SaveClaim>(&effect)) {
    save_claim(*save);
  } else if (const auto* load = std::get_if<core::effect::LoadClaims>(&effect)) {
    const auto* identity = m_session.identity();
    auto lines = m_claims && identity ? m_claims->claim_lines(identity->id_number.reveal())
                                      : std::expected<std::vector<core::ClaimLine>, std::string>(
                                            std::unexpected(std::string("the store is not open")));
    if (!lines) spdlog::error("the person's claims could not be listed: {}", lines.error());
    handle(core::claims::Listed{
        load->visit, lines ? core::claims::ListResult::listed : core::claims::ListResult::failed,
        lines ? std::move(*lines) : std::vector<core::ClaimLine>{}});
  } else if (const auto* print = std::get_if<core::effect::PrintReceipt>(&effect)) {
    auto job =
        m_claims && m_printer
            ? m_claims->print_receipt(print->uuid, ReceiptCopy::original, *m_printer)
            : std::expected<std::uint64_t, std::string>(std::unexpected(std::string("no printer")));
    if (!job) {
      spdlog::error("claim {}: receipt not printed: {}", print->uuid, job.error());
      handle(core::printer::JobFailed{0, core::printer::JobFailure::error});
    } else {
      (void)count_printed(m_claims->store(), Printed::receipt, store::now());
      handle(core::printer::JobQueued{*job});
    }
  } else if (const auto* check = std::get_if<core::effect::CheckStaffPin>(&effect)) {
    check_staff_pin(*check);
  } else if (const auto* staff = std::get_if<core::effect::StaffAction>(&effect)) {
    run_staff_action(*staff);
  } else if (const auto* statement = std::get_if<core::effect::PrintStatement>(&effect)) {
    print_statement(*statement);
  } else if (const auto* cancel = std::get_if<core::effect::CancelA4Job>(&effect)) {
    if (m_a4) m_a4->cancel(cancel->job);
  } else if (const auto* speak = std::get_if<core::effect::Speak>(&effect)) {
    if (m_voice) m_voice->play(speak->key, m_session.language());
  }
}

void Kiosk::start_statements() {
  auto cipher = store::Cipher::from_key_file(m_config.database_path().string() + ".key",
                                             store::CreateKey::never);
  auto registry = StatementRegistry::open(m_config.data_dir / "statements.db");
  if (!cipher || !registry) {
    // Statements are then not printed: their number could never be checked.
    spdlog::error("statements cannot be registered, so none will print: {}",
                  !cipher ? cipher.error().message : registry.error());
    return;
  }
  m_cipher = std::move(*cipher);
  m_statements = std::move(*registry);
  m_statements->start(http_register_sender(m_claims->client_options(), m_claims->clock_guard()));
  if (m_config.a4.printer.empty()) return;
  auto a4 = A4Statements::open(m_config.a4.printer, m_queue);
  if (!a4) {
    spdlog::error("a4: {}: statements print on the receipt printer only", a4.error());
    return;
  }
  m_a4 = std::move(*a4);
  spdlog::info("a4: statements print on {}", m_a4->printer());
}

// Registered (durably queued) before it prints: a printed number the server never hears of
// could not be checked.
std::expected<void, std::string> Kiosk::register_statement(const receipts::Statement& statement) {
  if (!m_statements || !m_cipher) return std::unexpected(std::string("the registry is not open"));
  auto totals = receipts::statement_totals(statement.records);
  if (!totals) return std::unexpected(totals.error().message);
  api::StatementRegistration registration;
  registration.number = statement.verification_number;
  registration.terminal_id = statement.terminal_id;
  registration.member_id_hash = m_cipher->lookup_hash(statement.member.id_number.reveal());
  registration.masked_name = core::mask_name(statement.member.name.reveal());
  registration.period_from = statement.period_from;
  registration.period_to = statement.period_to;
  registration.totals = *totals;
  registration.printed_at = statement.printed_at;
  return m_statements->add(registration.number,
                           api::statement_registration_to_json(registration).dump());
}

void Kiosk::print_statement(const core::effect::PrintStatement& print) {
  using Fallible = std::expected<std::uint64_t, std::string>;
  const bool a4 = print.printer == core::StatementPrinter::a4;
  const auto number = new_verification_number();
  auto statement = visit_statement(m_session.visit(), print.period, m_config,
                                   std::chrono::system_clock::now(), number);
  std::expected<void, std::string> ready;
  if (!statement) {
    ready = std::unexpected(statement.error());
  } else if (auto registered = register_statement(*statement); !registered) {
    ready = std::unexpected("not registered: " + registered.error());
  }
  if (a4) {
    const auto records = statement ? statement->records.size() : 0;
    auto job = !ready ? Fallible(std::unexpected(ready.error()))
               : m_a4 ? m_a4->print(std::move(*statement))
                      : Fallible(std::unexpected(std::string("no A4 printer is configured")));
    if (!job) {
      spdlog::error("statement {} not printed on A4: {}", number, job.error());
      handle(core::printer::A4Job{0, core::printer::A4State::failed, 0, true});
      return;
    }
    spdlog::info("statement {} ({} records) printing on A4 as job {}", number, records, *job);
    if (m_claims) (void)count_printed(m_claims->store(), Printed::statement, store::now());
    handle(core::printer::StatementQueued{*job, core::StatementPrinter::a4, number});
    return;
  }
  auto document =
      !ready
          ? std::expected<drivers::printer::Document, std::string>(std::unexpected(ready.error()))
          : statement_document(*statement);
  auto job = !document   ? Fallible(std::unexpected(document.error()))
             : m_printer ? m_printer->print(*document)
                         : Fallible(std::unexpected(std::string("the printer is not started")));
  if (!job) {
    spdlog::error("statement {} not printed: {}", number, job.error());
    handle(core::printer::JobFailed{0, m_session.printer().online
                                           ? core::printer::JobFailure::error
                                           : core::printer::JobFailure::offline});
    return;
  }
  spdlog::info("statement {} ({} records) printing as job {}", number, statement->records.size(),
               *job);
  if (m_claims) (void)count_printed(m_claims->store(), Printed::statement, store::now());
  handle(core::printer::StatementQueued{*job, core::StatementPrinter::receipt, number});
}

void Kiosk::save_claim(const core::effect::SaveClaim& save) {
  core::Claim claim = save.claim;
  auto saved = m_claims ? m_claims->save(claim, save.signature)
                        : std::expected<store::SavedClaim, std::string>(
                              std::unexpected(std::string("the store is not open")));
  claim.wipe();
  if (!saved) {
    spdlog::error("claim not saved: {}", saved.error());
    handle(core::claims::NotSaved{save.visit, saved.error()});
    return;
  }
  m_watched_claim = claim.uuid;
  m_next_upload_check = std::chrono::steady_clock::now();
  handle(core::claims::Saved{save.visit, claim.uuid, saved->sequence});
}

void Kiosk::check_upload() {
  if (!m_watched_claim || !m_claims || std::chrono::steady_clock::now() < m_next_upload_check) {
    return;
  }
  // Once a second while the done screen may be showing: cheap next to a frame.
  m_next_upload_check = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  if (m_claims->uploaded(*m_watched_claim)) {
    auto uuid = std::move(*m_watched_claim);
    m_watched_claim.reset();
    handle(core::claims::Uploaded{std::move(uuid)});
  }
}

ui::AppView Kiosk::app_view(ui::WallClock wall) const {
  ui::AppView view;
  view.now = now();
  view.wall = wall;
  view.center_name = m_config.center_name;
  view.demo = demo();
  if (m_config.display.dpi > 0)
    view.px_per_mm = ui::px_per_mm_from_dpi(static_cast<float>(m_config.display.dpi));
  for (const auto& notice : m_remote.current()->notices) {
    view.notices.push_back(ui::Notice{notice.title, notice.body});
  }
  if (m_claims) {
    const auto state = m_claims->sync_state();
    view.queue.pending = state.queue.pending + state.queue.sending + state.queue.retry_wait;
    view.queue.quarantined = state.queue.quarantined;
    view.queue.last_error_class =
        state.last_error_class ? std::string(core::to_string(*state.last_error_class)) : "";
    view.queue.oldest_pending_age =
        state.queue.oldest_pending_age
            ? std::optional(
                  std::chrono::duration_cast<std::chrono::seconds>(*state.queue.oldest_pending_age))
            : std::nullopt;
  }
  if (core::is_staff(m_session.screen())) view.staff = m_staff_view;
  return view;
}

bool Kiosk::draw_frame(ui::WallClock wall) {
  check_upload();
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
