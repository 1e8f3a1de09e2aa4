#include "kiosk/sync/worker.h"

#include <algorithm>
#include <limits>

#include <spdlog/spdlog.h>

namespace kiosk::sync {
namespace {
using namespace std::chrono;
constexpr const char* kTrustedTimeSetting = "sync.highest_trusted_ms";

bool link_class(ErrorClass cls) {
  return cls != ErrorClass::server && cls != ErrorClass::busy && cls != ErrorClass::validation;
}

SyncError store_error(const store::Error& e) {
  // Not a network failure, but the item cannot move on until the store works again.
  return {ErrorClass::server, "the local database refused an outbox update: " + e.message, 0};
}
}  // namespace

Worker::Worker(store::Store& store, ClientOptions client, SyncOptions options)
    : m_store(store),
      m_outbox(store),
      m_client_options(std::move(client)),
      m_options(std::move(options)),
      m_guard(std::make_shared<ClockGuard>(m_options.max_clock_skew)) {}

Worker::~Worker() {
  stop();
}

std::expected<void, SyncError> Worker::prepare() {
  if (m_client) return {};
  auto client = Client::create(m_client_options, m_guard);
  if (!client) return std::unexpected(client.error());
  m_client.emplace(std::move(*client));
  // Without a configured terminal id (kioskctl's --tls-dir form), heartbeats carry the one the
  // server reads from our certificate, so they are accepted.
  if (m_options.terminal_id.empty() && !m_client_options.cert_file.empty()) {
    m_options.terminal_id = certificate_common_name(m_client_options.cert_file).value_or("");
  }
  if (auto saved = m_store.setting(kTrustedTimeSetting); saved && *saved) {
    try {
      m_saved_trusted_ms = std::stoll(**saved);
      m_guard->restore(store::from_unix_ms(m_saved_trusted_ms));
    } catch (const std::exception&) {
      spdlog::warn("sync: ignoring an unreadable {} setting", kTrustedTimeSetting);
    }
  }
  auto reset = m_outbox.reset_sending_at_start(store::now());
  if (!reset) return std::unexpected(store_error(reset.error()));
  if (*reset > 0) spdlog::info("sync: {} interrupted upload(s) will be sent again", *reset);
  const auto now = steady_clock::now();
  m_next_probe = now + m_options.probe_interval;
  m_next_status = m_next_config = m_next_heartbeat = now;
  refresh_counts();
  return {};
}

std::expected<void, SyncError> Worker::start() {
  if (m_thread.joinable()) return {};
  if (auto ok = prepare(); !ok) return ok;
  {
    std::lock_guard lock(m_mutex);
    m_stop = false;
  }
  m_thread = std::thread([this] {
    bool drained = false;
    loop(Mode::forever, steady_clock::time_point::max(), drained);
  });
  return {};
}

void Worker::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void Worker::notify() {
  {
    std::lock_guard lock(m_mutex);
    m_notified = true;
  }
  m_wake.notify_all();
}

SyncState Worker::state() const {
  std::lock_guard lock(m_mutex);
  return m_state;
}

void Worker::set_device_states(DeviceStates states) {
  std::lock_guard lock(m_mutex);
  m_devices = std::move(states);
}

void Worker::set_config_listener(ConfigListener listener) {
  std::lock_guard lock(m_mutex);
  m_on_config = std::move(listener);
}

std::expected<bool, SyncError> Worker::run_until_empty(steady_clock::time_point deadline) {
  if (auto ok = prepare(); !ok) return std::unexpected(ok.error());
  {
    std::lock_guard lock(m_mutex);
    m_stop = false;
  }
  bool drained = false;
  loop(Mode::until_empty, deadline, drained);
  return drained;
}

std::expected<bool, SyncError> Worker::run_due(steady_clock::time_point deadline) {
  if (auto ok = prepare(); !ok) return std::unexpected(ok.error());
  {
    std::lock_guard lock(m_mutex);
    m_stop = false;
  }
  bool drained = false;
  loop(Mode::due_now, deadline, drained);
  return drained;
}

void Worker::loop(Mode mode, steady_clock::time_point deadline, bool& drained) {
  while (true) {
    {
      std::lock_guard lock(m_mutex);
      if (m_stop) return;
      m_notified = false;
    }
    Pass pass = upload_pass();
    if (!pass.link_failed) periodic_tasks();
    refresh_counts();
    const SyncState s = state();
    drained = s.queue.pending + s.queue.sending + s.queue.retry_wait == 0;
    if (mode != Mode::forever && drained) return;
    const bool past_deadline = steady_clock::now() >= deadline;
    if (pass.more && !past_deadline) continue;
    if (past_deadline || mode == Mode::due_now) return;

    // Sleep until the next item is due, a periodic task, the probe, notify() or stop().
    auto wake_at = std::min({m_next_probe, deadline});
    if (!m_link_down) wake_at = std::min({wake_at, m_next_status, m_next_config, m_next_heartbeat});
    if (auto due = next_due(); due && !m_link_down) {
      const auto in = std::max(*due - store::now(), store::Millis{0});
      wake_at = std::min(wake_at, steady_clock::now() + in);
    }
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait_until(lock, wake_at, [this] { return m_stop || m_notified; });
      if (m_stop) return;
    }
    if (steady_clock::now() >= m_next_probe) probe();
  }
}

std::optional<store::UnixTime> Worker::next_due() {
  // The earliest retry time among waiting items; pending items are due at once.
  auto waiting = m_outbox.items(store::OutboxState::retry_wait, 1000);
  if (!waiting) return std::nullopt;
  std::optional<store::UnixTime> earliest;
  for (const auto& item : *waiting) {
    if (!earliest || item.next_attempt < *earliest) earliest = item.next_attempt;
  }
  return earliest;
}

Worker::Pass Worker::upload_pass() {
  Pass pass;
  // A wrong clock blocks HTTPS before any item is touched: no attempt is counted.
  if (auto ok = m_guard->check(); !ok) {
    record_failure(ok.error());
    pass.link_failed = true;
    return pass;
  }
  bool force = false;
  {
    std::lock_guard lock(m_mutex);
    force = m_force_due;
    m_force_due = false;
  }
  // Forced: the link is back, so items waiting out a link failure go now.
  const store::UnixTime horizon =
      force ? store::from_unix_ms(std::numeric_limits<std::int64_t>::max() / 4) : store::now();
  auto items = m_outbox.due(horizon, m_options.batch_size);
  if (!items) {
    record_failure(store_error(items.error()));
    pass.link_failed = true;
    return pass;
  }
  {
    std::lock_guard lock(m_mutex);
    if (m_stop) return pass;
  }
  if (!send_window(*items)) {
    pass.link_failed = true;
    return pass;
  }
  pass.more = static_cast<int>(items->size()) == m_options.batch_size;
  return pass;
}

bool Worker::send_window(const std::vector<store::OutboxItem>& due) {
  std::vector<std::int64_t> ids;
  for (const auto& item : due) ids.push_back(item.id);
  // Before any request: every attempt counted and every body frozen (A.10 rule 3), durably,
  // in one transaction for the window.
  auto sending = m_outbox.mark_sending(ids, store::now());
  if (!sending) {
    record_failure(store_error(sending.error()));
    return false;
  }
  std::vector<ClaimSubmission> claims;
  claims.reserve(sending->size());
  for (auto& item : *sending) claims.push_back({item.claim_uuid, std::move(item.body)});
  const std::vector<ClaimOutcome> outcomes = m_client->submit_claims(claims, &m_stop);

  const store::UnixTime done = store::now();
  std::vector<store::SendOutcome> records(outcomes.size());
  std::optional<SyncError> link_error;
  const SyncError* last_refusal = nullptr;  // the latest quarantine, for the state
  std::int64_t acked = 0, quarantined = 0;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const ClaimOutcome& outcome = outcomes[i];
    const store::OutboxItem& item = (*sending)[i];
    store::SendOutcome& r = records[i];
    r.id = item.id;
    r.kind = outcome.kind;
    switch (outcome.kind) {
      case core::UploadOutcome::acked:
        r.server_claim_id = outcome.claim->claim_uuid;
        r.server_status = outcome.claim->status;
        r.server_reason = outcome.claim->reason;
        spdlog::info("sync: claim {} delivered (attempt {})", item.claim_uuid, item.attempts);
        ++acked;
        break;
      case core::UploadOutcome::quarantined:
        r.error_class = outcome.error.cls;
        r.message = outcome.error.message;
        spdlog::warn("sync: claim {} quarantined: {}", item.claim_uuid, outcome.error.message);
        last_refusal = &outcome.error;
        ++quarantined;
        break;
      case core::UploadOutcome::retry: {
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        const auto delay = backoff_delay(m_options.backoff, item.attempts, unit(m_rng));
        r.next_attempt = done + delay;
        r.error_class = outcome.error.cls;
        r.message = outcome.error.message;
        spdlog::info("sync: claim {} not delivered ({}: {}), next try in {} s", item.claim_uuid,
                     to_string(r.error_class), outcome.error.message, delay.count() / 1000);
        if (!link_error) link_error = outcome.error;
        break;
      }
      case core::UploadOutcome::not_sent: break;
    }
  }
  // If this fails the items stay `sending`; the next start sends them again and the server,
  // keyed on each claim's uuid, answers 200 with the claim it already has.
  auto recorded = m_outbox.record(records, done);
  if (acked + quarantined > 0) {
    // The server answered: the link works.
    record_success();
    std::lock_guard lock(m_mutex);
    m_state.acked_by_worker += acked;
    m_state.quarantined_by_worker += quarantined;
    m_state.requests += acked + quarantined - 1;  // record_success() counted one
    if (last_refusal != nullptr) {
      m_state.last_error_class = last_refusal->cls;
      m_state.last_error_message = last_refusal->message;
    }
  }
  if (!recorded) {
    record_failure(store_error(recorded.error()));
    return false;
  }
  if (link_error) {
    record_failure(*link_error);
    return false;
  }
  return true;
}

void Worker::probe() {
  m_next_probe = steady_clock::now() + m_options.probe_interval;
  bool was_down = false;
  {
    std::lock_guard lock(m_mutex);
    was_down = m_link_down;
  }
  auto ok = m_client->health();
  if (!ok) {
    record_failure(ok.error());
    return;
  }
  record_success();
  if (was_down) {
    std::lock_guard lock(m_mutex);
    m_force_due = true;
  }
}

void Worker::record_success() {
  const store::UnixTime now = store::now();
  std::lock_guard lock(m_mutex);
  m_state.last_success = now;
  m_state.last_attempt = now;
  m_state.last_error_class.reset();
  m_state.last_error_message.clear();
  m_state.consecutive_failures = 0;
  m_state.clock_offset = m_guard->last_offset();
  ++m_state.requests;
  m_link_down = false;
}

void Worker::record_failure(const SyncError& error) {
  std::lock_guard lock(m_mutex);
  m_state.last_attempt = store::now();
  m_state.last_error_class = error.cls;
  m_state.last_error_message = error.message;
  ++m_state.consecutive_failures;
  ++m_state.requests;
  if (link_class(error.cls)) m_link_down = true;
}

void Worker::refresh_counts() {
  auto counts = m_outbox.counts(store::now());
  // Keep the highest trusted time across restarts; written when it moved by a minute.
  const std::int64_t trusted = store::unix_ms(m_guard->highest_trusted());
  if (trusted > m_saved_trusted_ms + 60'000) {
    if (m_store.set_setting(kTrustedTimeSetting, std::to_string(trusted))) {
      m_saved_trusted_ms = trusted;
    }
  }
  if (!counts) return;
  std::lock_guard lock(m_mutex);
  m_state.queue = std::move(*counts);
}

}  // namespace kiosk::sync
