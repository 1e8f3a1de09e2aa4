#include "central/central_link.h"

#include <spdlog/spdlog.h>

namespace kiosk::app {

std::expected<std::unique_ptr<CentralLink>, std::string> CentralLink::start(const Config& config,
                                                                            EventQueue& queue) {
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
        "store: the database was not sound ({}); it was moved aside to {} and a new "
        "one started",
        report.damage.empty() ? "unreadable" : report.damage, report.moved_aside->string());
  }

  sync::ClientOptions client;
  client.base_url = config.central.url;
  client.ca_file = config.central.ca_file;
  client.cert_file = config.central.cert_file;
  client.key_file = config.central.key_file;

  std::unique_ptr<CentralLink> link(new CentralLink(std::move(*store), queue, client));
  sync::SyncOptions sync_options;
  sync_options.terminal_id = config.terminal_id;
  link->m_worker = std::make_unique<sync::Worker>(link->m_store, client, sync_options);
  if (auto started = link->m_worker->start(); !started) {
    // The terminal still takes claims; they wait in the outbox until this is fixed.
    spdlog::error("sync: not started ({}): {}", sync::to_string(started.error().cls),
                  started.error().message);
    link->m_worker.reset();
  } else {
    spdlog::info("sync: uploading to {}", config.central.url);
  }
  return link;
}

CentralLink::CentralLink(store::Store store, EventQueue& queue, sync::ClientOptions client)
    : m_store(std::move(store)),
      m_queue(queue),
      m_client_options(std::move(client)),
      m_thread([this] { lookup_loop(); }) {}

CentralLink::~CentralLink() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
    m_id_number.wipe();
  }
  m_wake.notify_all();
  m_thread.join();
  if (m_worker) m_worker->stop();
}

void CentralLink::look_up(std::uint64_t visit, const core::Secret& id_number) {
  {
    std::lock_guard lock(m_mutex);
    m_visit = visit;
    m_id_number = id_number;
  }
  m_wake.notify_all();
}

void CentralLink::cancel_lookup() {
  std::lock_guard lock(m_mutex);
  m_visit.reset();
  m_id_number.wipe();
}

sync::SyncState CentralLink::sync_state() const {
  return m_worker ? m_worker->state() : sync::SyncState{};
}

void CentralLink::lookup_loop() {
  // One client for this thread (libcurl handles are not shared), made on first use so that
  // certificates installed after start are picked up.
  std::optional<sync::Client> client;
  while (true) {
    std::uint64_t visit = 0;
    core::Secret id_number;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stopping || m_visit.has_value(); });
      if (m_stopping) return;
      visit = *m_visit;
      id_number = std::move(m_id_number);
      m_visit.reset();
    }
    if (!client) {
      auto created = sync::Client::create(m_client_options);
      if (!created) {
        spdlog::warn("lookup: no client ({}): {}", sync::to_string(created.error().cls),
                     created.error().message);
        m_queue.push(core::event::LookupFailed{
            visit, std::string(sync::to_string(created.error().cls)), false});
        continue;
      }
      client.emplace(std::move(*created));
    }
    std::string number(id_number.reveal());
    auto result = client->lookup(number);
    core::secure_zero(number.data(), number.size());
    id_number.wipe();
    if (!result) {
      bool unknown = result.error().http_status == 404;
      spdlog::warn("lookup: failed ({}, HTTP {}): {}", sync::to_string(result.error().cls),
                   result.error().http_status, result.error().message);
      m_queue.push(core::event::LookupFailed{
          visit, std::string(sync::to_string(result.error().cls)), unknown});
      continue;
    }
    spdlog::info("lookup: member found with {} settlement records", result->bills.size());
    m_queue.push(
        core::event::MemberLoaded{visit, std::move(result->member), std::move(result->bills)});
  }
}

}  // namespace kiosk::app
