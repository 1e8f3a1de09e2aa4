#pragma once
// What a screen's handler may touch while it handles an input: the visit, the settings,
// the effects going out, and the next screen. Handlers never reach the session itself.
#include <optional>
#include <vector>

#include "kiosk/core/effects.h"
#include "kiosk/core/rules.h"
#include "kiosk/core/screen.h"
#include "kiosk/core/session_config.h"
#include "kiosk/core/time_point.h"
#include "kiosk/core/visit.h"

namespace kiosk::core {

class Context {
 public:
  Context(Visit& visit, const SessionConfig& config, const Rules& rules, TimePoint now,
          std::vector<Effect>& effects)
      : m_visit(visit), m_config(config), m_rules(rules), m_now(now), m_effects(effects) {}

  Visit& visit() { return m_visit; }
  const SessionConfig& config() const { return m_config; }
  // The benefit rules in force (server::RulesLoaded); empty until some arrived.
  const Rules& rules() const { return m_rules; }
  TimePoint now() const { return m_now; }
  void emit(Effect effect) { m_effects.push_back(std::move(effect)); }
  std::vector<Effect>& effects() { return m_effects; }
  void speak(std::string key) { emit(effect::Speak{std::move(key)}); }
  // Shows NEXT once the handler returns. Going to the attract screen ends the visit.
  void go(Screen next) { m_next = std::move(next); }
  std::optional<Screen>& next() { return m_next; }

 private:
  Visit& m_visit;
  const SessionConfig& m_config;
  const Rules& m_rules;
  TimePoint m_now;
  std::vector<Effect>& m_effects;
  std::optional<Screen> m_next;
};

}  // namespace kiosk::core
