#pragma once
// The central server's configuration for this terminal (GET /api/v1/config) as the app holds
// it: notices for the attract screen, the staff PIN hashes, the benefit rules. The sync worker
// hands over the config kept from the last run at start and each new one after, on its own
// thread; the UI thread reads the latest through current(). The rules are read separately:
// a config whose rules are wrong still brings its notices, and the rules in force stay.
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/api/config_json.h"
#include "kiosk/core/rules.h"

namespace kiosk::app {

// What one config from the server changed about the benefit rules.
struct AppliedConfig {
  std::string version;
  // Rules that differ from those in force: the session must have them (server::RulesLoaded).
  std::optional<core::Rules> new_rules;
  // Why the config's rules were not taken (for the log); the rules in force stay.
  std::string rules_problem;
};

class RemoteConfig {
 public:
  // Replaces the configuration with BODY's when it reads; a bad body keeps the previous one.
  std::expected<AppliedConfig, std::string> apply(std::string_view body);
  // Empty (no notices, no staff PINs) until the server's first configuration arrives.
  std::shared_ptr<const api::TerminalConfig> current() const;
  // The server's rules in force; nullopt until a config brought usable ones.
  std::optional<core::Rules> rules() const;

 private:
  mutable std::mutex m_mutex;
  std::shared_ptr<const api::TerminalConfig> m_current = std::make_shared<api::TerminalConfig>();
  std::optional<core::Rules> m_rules;
};

}  // namespace kiosk::app
