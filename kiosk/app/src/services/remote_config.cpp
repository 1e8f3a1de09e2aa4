#include "services/remote_config.h"

#include "kiosk/api/rules_json.h"

namespace kiosk::app {

std::expected<AppliedConfig, std::string> RemoteConfig::apply(std::string_view body) {
  auto read = api::config_from_text(body);
  if (!read) return std::unexpected(read.error());
  AppliedConfig applied;
  applied.version = read->version;
  auto rules = api::rules_from_text(read->benefit_rules);
  auto next = std::make_shared<const api::TerminalConfig>(std::move(*read));
  std::lock_guard lock(m_mutex);
  m_current = std::move(next);
  if (!rules) {
    applied.rules_problem = rules.error();
  } else if (m_rules != *rules) {
    m_rules = *rules;
    applied.new_rules = std::move(*rules);
  }
  return applied;
}

std::shared_ptr<const api::TerminalConfig> RemoteConfig::current() const {
  std::lock_guard lock(m_mutex);
  return m_current;
}

std::optional<core::Rules> RemoteConfig::rules() const {
  std::lock_guard lock(m_mutex);
  return m_rules;
}

}  // namespace kiosk::app
