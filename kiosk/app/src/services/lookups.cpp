#include "services/lookups.h"

#include <spdlog/spdlog.h>

namespace kiosk::app {
namespace {

core::server::LookupFailure failure_of(const sync::SyncError& error) {
  using core::server::LookupFailure;
  if (error.http_status == 404) return LookupFailure::not_a_member;
  switch (error.cls) {
    case core::ErrorClass::busy: return LookupFailure::busy;
    case core::ErrorClass::validation:
    case core::ErrorClass::server: return LookupFailure::refused;
    default: return LookupFailure::unreachable;
  }
}

}  // namespace

Lookups::Lookups(sync::ClientOptions options, std::shared_ptr<sync::ClockGuard> guard,
                 EventQueue& queue)
    : m_options(std::move(options)),
      m_guard(std::move(guard)),
      m_queue(queue),
      m_thread([this] { loop(); }) {}

Lookups::~Lookups() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
    m_id_number.wipe();
  }
  m_wake.notify_all();
  m_thread.join();
}

void Lookups::look_up(std::uint64_t visit, const core::Secret& id_number) {
  {
    std::lock_guard lock(m_mutex);
    m_visit = visit;
    m_id_number = id_number;
  }
  m_wake.notify_all();
}

void Lookups::cancel() {
  std::lock_guard lock(m_mutex);
  m_visit.reset();
  m_id_number.wipe();
}

void Lookups::loop() {
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
      auto created = sync::Client::create(m_options, m_guard);
      if (!created) {
        spdlog::warn("lookup: no client ({}): {}", core::to_string(created.error().cls),
                     created.error().message);
        m_queue.push(
            core::server::LookupFailed{visit, failure_of(created.error()), created.error().cls});
        continue;
      }
      client.emplace(std::move(*created));
    }
    std::string number(id_number.reveal());
    auto result = client->lookup(number);
    core::secure_zero(number.data(), number.size());
    id_number.wipe();
    if (!result) {
      spdlog::warn("lookup: failed ({}, HTTP {}): {}", core::to_string(result.error().cls),
                   result.error().http_status, result.error().message);
      m_queue.push(
          core::server::LookupFailed{visit, failure_of(result.error()), result.error().cls});
      continue;
    }
    spdlog::info("lookup: member found with {} settlement records and {} plan-years of history",
                 result->bills.size(), result->history.size());
    m_queue.push(core::server::MemberLoaded{visit, std::move(result->member),
                                            std::move(result->bills), std::move(result->history)});
  }
}

}  // namespace kiosk::app
