#pragma once
// The central server's configuration for this terminal (GET /api/v1/config) as the app holds
// it: notices for the attract screen, the staff PIN hashes, the benefit rules. The sync worker
// fetches it by ETag and hands each new one over on its own thread; the UI thread reads the
// latest through current().
#include <expected>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "kiosk/api/config_json.h"

namespace kiosk::app {

class RemoteConfig {
 public:
  // Replaces the configuration with BODY's when it reads; a bad body keeps the previous one.
  std::expected<void, std::string> apply(std::string_view body);
  // Empty (no notices, no staff PINs) until the server's first configuration arrives.
  std::shared_ptr<const api::TerminalConfig> current() const;

 private:
  mutable std::mutex m_mutex;
  std::shared_ptr<const api::TerminalConfig> m_current = std::make_shared<api::TerminalConfig>();
};

}  // namespace kiosk::app
