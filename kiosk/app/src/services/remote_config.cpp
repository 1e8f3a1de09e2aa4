#include "services/remote_config.h"

namespace kiosk::app {

std::expected<void, std::string> RemoteConfig::apply(std::string_view body) {
  auto read = api::config_from_text(body);
  if (!read) return std::unexpected(read.error());
  auto next = std::make_shared<const api::TerminalConfig>(std::move(*read));
  std::lock_guard lock(m_mutex);
  m_current = std::move(next);
  return {};
}

std::shared_ptr<const api::TerminalConfig> RemoteConfig::current() const {
  std::lock_guard lock(m_mutex);
  return m_current;
}

}  // namespace kiosk::app
