#include "services/claim_service.h"

#include <spdlog/spdlog.h>

#include <array>
#include <random>

#include "base/sha256.h"
#include "kiosk/receipts/claim_receipt.h"
#include "services/signature_png.h"

namespace kiosk::app {

std::expected<std::unique_ptr<ClaimService>, std::string> ClaimService::start(
    const Config& config) {
  std::error_code ignored;
  std::filesystem::create_directories(config.data_dir, ignored);
  store::StoreOptions store_options;
  store_options.db_path = config.database_path();
  auto store = store::Store::open(store_options);
  if (!store) return std::unexpected("store: " + store.error().message);
  const auto& report = store->open_report();
  if (report.created) spdlog::info("store: new database at {}", config.database_path().string());
  // Staff must learn that a damaged or empty database was set aside: its claims may need
  // recovering from the moved file.
  if (report.moved_aside) {
    spdlog::error(
        "store: the database was not sound ({}); it was moved aside to {} and a new one started",
        report.damage.empty() ? "unreadable" : report.damage, report.moved_aside->string());
  }

  sync::ClientOptions client;
  client.base_url = config.central.url;
  client.ca_file = config.central.ca_file;
  client.cert_file = config.central.cert_file;
  client.key_file = config.central.key_file;

  std::unique_ptr<ClaimService> service(new ClaimService(config, std::move(*store), client));
  sync::SyncOptions sync_options;
  sync_options.terminal_id = config.terminal_id;
  service->m_worker = std::make_unique<sync::Worker>(service->m_store, client, sync_options);
  service->m_guard = service->m_worker->clock_guard();
  return service;
}

void ClaimService::start_uploads() {
  if (auto started = m_worker->start(); !started) {
    // The terminal still takes claims; they wait in the outbox until this is fixed.
    spdlog::error("sync: not started ({}): {}", core::to_string(started.error().cls),
                  started.error().message);
    m_worker.reset();
  } else {
    spdlog::info("sync: uploading to {}", m_config.central.url);
  }
}

ClaimService::ClaimService(const Config& config, store::Store store, sync::ClientOptions client)
    : m_config(config), m_store(std::move(store)), m_client_options(std::move(client)) {}

ClaimService::~ClaimService() {
  if (m_worker) m_worker->stop();
}

void ClaimService::set_device_states(sync::Worker::DeviceStates states) {
  if (m_worker) m_worker->set_device_states(std::move(states));
}

void ClaimService::set_config_listener(sync::Worker::ConfigListener listener) {
  if (m_worker) m_worker->set_config_listener(std::move(listener));
}

std::shared_ptr<sync::ClockGuard> ClaimService::clock_guard() const {
  return m_guard;
}

std::expected<store::SavedClaim, std::string> ClaimService::save(
    core::Claim& claim, const core::SignatureBitmap& signature) {
  const std::string png = signature_png(signature);
  if (png.empty()) return std::unexpected(std::string("the signature could not be encoded"));
  std::array<std::uint8_t, 16> random{};
  std::random_device device;
  for (auto& byte : random) byte = static_cast<std::uint8_t>(device());
  claim.uuid = core::make_uuid_v4(random);
  claim.terminal_id = m_config.terminal_id;
  claim.created_at = std::chrono::system_clock::now();
  claim.commitment.signature_sha256 = base::sha256_hex(png);
  claim.commitment.accepted_at = claim.created_at;
  auto saved = m_store.save_claim(claim, store::now());
  if (!saved) return std::unexpected(saved.error().message);
  spdlog::info("claim {} saved as number {}", claim.uuid, saved->sequence);
  if (m_worker) m_worker->notify();
  return *saved;
}

std::expected<std::uint64_t, std::string> ClaimService::print_receipt(std::string_view uuid,
                                                                      ReceiptCopy copy,
                                                                      PrinterDevice& printer) {
  auto stored = m_store.load_claim(uuid);
  if (!stored) return std::unexpected(stored.error().message);
  receipts::ClaimReceiptOptions options;
  options.center_name = m_config.center_name;
  options.upload = stored->summary.state == store::OutboxState::acked
                       ? receipts::UploadState::submitted
                       : receipts::UploadState::pending;
  options.reprint = copy == ReceiptCopy::reprint;
  auto job = printer.print(receipts::claim_receipt(stored->claim, options));
  stored->claim.member.wipe();
  stored->claim.bank_account.wipe();
  return job;
}

bool ClaimService::uploaded(std::string_view uuid) {
  auto stored = m_store.load_claim(uuid);
  if (!stored) return false;
  stored->claim.wipe();
  return stored->summary.state == store::OutboxState::acked;
}

std::expected<std::vector<core::ClaimLine>, std::string> ClaimService::claim_lines(
    std::string_view id_number) {
  auto lines = m_store.claim_lines(id_number);
  if (!lines) return std::unexpected(lines.error().message);
  return std::move(*lines);
}

sync::SyncState ClaimService::sync_state() const {
  return m_worker ? m_worker->state() : sync::SyncState{};
}

}  // namespace kiosk::app
