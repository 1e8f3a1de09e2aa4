// The worker's periodic pulls and pushes: claim statuses, the config by ETag, the heartbeat.
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "kiosk/core/date.h"
#include "kiosk/sync/worker.h"

namespace kiosk::sync {
namespace {
using namespace std::chrono;
constexpr const char* kConfigSetting = "central.config";
constexpr const char* kConfigEtagSetting = "central.config_etag";

}  // namespace

void Worker::periodic_tasks() {
  // Each task is one or more requests; a stopping worker starts none of them.
  if (m_stop) return;
  const auto now = steady_clock::now();
  if (now >= m_next_config) {
    m_next_config = now + m_options.config_interval;
    pull_config();
  }
  if (now >= m_next_status && !m_stop) {
    m_next_status = now + m_options.status_interval;
    pull_statuses();
  }
  if (now >= m_next_heartbeat && !m_stop) {
    m_next_heartbeat = now + m_options.heartbeat_interval;
    send_heartbeat();
  }
}

void Worker::pull_statuses() {
  // In turns: the next status_batch undecided claims after the last one asked, then from the
  // start again, so a long list is walked through instead of the same claims asked each time.
  auto claims = m_store.undecided_claims(m_status_cursor, m_options.status_batch);
  if (!claims) return;
  if (static_cast<int>(claims->size()) < m_options.status_batch) m_status_cursor = 0;
  for (const auto& claim : *claims) {
    if (m_stop) return;
    auto remote = m_client->claim_status(claim.uuid);
    if (!remote) {
      record_failure(remote.error());
      if (remote.error().cls != ErrorClass::validation) return;
      continue;
    }
    record_success();
    if (static_cast<int>(claims->size()) == m_options.status_batch) {
      m_status_cursor = claim.sequence;
    }
    // A rejected claim is asked about only while its reason is not recorded (one from a
    // version-4 store): record it even though the status is the same.
    if (remote->status != claim.server_status || remote->status == core::ClaimStatus::rejected) {
      spdlog::info("sync: claim {} is now {}", claim.uuid, core::to_string(remote->status));
      auto kept =
          m_outbox.set_server_status(claim.uuid, remote->status, remote->reason, store::now());
      if (!kept) {
        spdlog::warn("sync: claim {}'s status could not be kept: {}", claim.uuid,
                     kept.error().message);
      }
    }
  }
}

void Worker::pull_config() {
  // The config kept from an earlier run goes to the listener first: the server answers 304 to
  // its ETag, and an offline terminal hears nothing, yet both must use the last config they
  // were given (its rules, its notices) rather than none.
  if (!m_config_delivered) {
    m_config_delivered = true;
    if (auto saved = m_store.setting(kConfigSetting); saved && *saved) {
      if (auto kept = parse_config(**saved)) {
        deliver_config(*kept);
      } else {
        spdlog::warn("sync: the kept central config is unreadable: {}", kept.error().message);
      }
    }
  }
  std::string etag;
  if (auto saved = m_store.setting(kConfigEtagSetting); saved && *saved) etag = **saved;
  auto reply = m_client->config(etag);
  if (!reply) {
    record_failure(reply.error());
    return;
  }
  record_success();
  if (reply->not_modified || !reply->config) return;
  if (!m_store.set_setting(kConfigSetting, reply->config->body) ||
      !m_store.set_setting(kConfigEtagSetting, reply->etag)) {
    spdlog::warn("sync: could not keep the new central config; the old one stays in use");
    return;
  }
  spdlog::info("sync: central config {} received", reply->config->version);
  deliver_config(*reply->config);
}

void Worker::deliver_config(const RemoteConfig& config) {
  ConfigListener listener;
  {
    std::lock_guard lock(m_mutex);
    m_state.config_version = config.version;
    listener = m_on_config;
  }
  if (listener) listener(config);
}

void Worker::send_heartbeat() {
  if (m_options.terminal_id.empty()) return;  // the server would refuse it anyway
  refresh_counts();
  std::map<std::string, std::string> devices;
  DeviceStates source;
  SyncState s;
  {
    std::lock_guard lock(m_mutex);
    source = m_devices;
    s = m_state;
  }
  if (source) devices = source();
  nlohmann::json body = {
      {"terminal_id", m_options.terminal_id},
      {"version", m_options.version},
      {"sent_at", core::format_rfc3339_cst(system_clock::now())},
      {"queue",
       {{"pending", s.queue.pending},
        {"sending", s.queue.sending},
        {"retry_wait", s.queue.retry_wait},
        {"acked", s.queue.acked},
        {"quarantined", s.queue.quarantined},
        {"oldest_pending_age_s",
         duration_cast<seconds>(s.queue.oldest_pending_age.value_or(0ms)).count()}}},
      {"last_success_at", s.last_success ? nlohmann::json(core::format_rfc3339_cst(*s.last_success))
                                         : nlohmann::json(nullptr)},
      {"last_error_class", s.last_error_class ? nlohmann::json(to_string(*s.last_error_class))
                                              : nlohmann::json(nullptr)},
      {"devices", devices}};
  auto ok = m_client->heartbeat(body.dump());
  if (!ok) {
    record_failure(ok.error());
    return;
  }
  record_success();
}

}  // namespace kiosk::sync
