#pragma once
// The owner of claims in the app: the store they are saved in and the worker that uploads
// them. A claim is saved durably (claim, bills, outbox row and audit entry in one
// transaction) before anything is printed or said; then the worker is woken. Receipts are
// printed from what the store holds, so a reprint shows exactly what was saved.
#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "devices/printer_device.h"
#include "kiosk/app/config.h"
#include "kiosk/core/claim.h"
#include "kiosk/store/store.h"
#include "kiosk/sync/worker.h"

namespace kiosk::app {

enum class ReceiptCopy { original, reprint };  // a reprint says 补打 under the title

class ClaimService {
 public:
  // Opens the store (a damaged one is moved aside and reported in the log) and starts the
  // worker. Missing certificates are not fatal: uploads wait, and claims are still taken.
  static std::expected<std::unique_ptr<ClaimService>, std::string> start(const Config& config);
  ~ClaimService();
  // Starts the upload worker, after the listeners below are set.
  void start_uploads();
  ClaimService(const ClaimService&) = delete;
  ClaimService& operator=(const ClaimService&) = delete;

  // Saves CLAIM durably and wakes the uploader: gives it a uuid, this terminal's id, the time,
  // and the commitment the hash of SIGNATURE as a PNG; assigns its sequence.
  std::expected<store::SavedClaim, std::string> save(core::Claim& claim,
                                                     const core::SignatureBitmap& signature);
  // Whether the server has acknowledged claim UUID.
  bool uploaded(std::string_view uuid);
  // The claims made with ID_NUMBER on this terminal, newest first, without personal data: the
  // progress screen and the records' claimed marks (the worker keeps their server status).
  std::expected<std::vector<core::ClaimLine>, std::string> claim_lines(std::string_view id_number);
  // Prints the receipt of the stored claim UUID on PRINTER.
  std::expected<std::uint64_t, std::string> print_receipt(std::string_view uuid, ReceiptCopy copy,
                                                          PrinterDevice& printer);

  sync::SyncState sync_state() const;
  // The store itself, for the staff screens (queue, requeue, day figures, audit entries).
  store::Store& store() { return m_store; }
  // Where lookups go and the clock guard they share with the worker.
  const sync::ClientOptions& client_options() const { return m_client_options; }
  std::shared_ptr<sync::ClockGuard> clock_guard() const;
  // Called on the worker's thread: the device states for each heartbeat, and each new
  // configuration from the server.
  void set_device_states(sync::Worker::DeviceStates states);
  void set_config_listener(sync::Worker::ConfigListener listener);

 private:
  ClaimService(const Config& config, store::Store store, sync::ClientOptions client);

  const Config& m_config;
  store::Store m_store;
  sync::ClientOptions m_client_options;
  std::unique_ptr<sync::Worker> m_worker;     // null when it could not start
  std::shared_ptr<sync::ClockGuard> m_guard;  // the worker's, or one of its own without a worker
};

}  // namespace kiosk::app
