#include "kiosk/core/session.h"
#include "kiosk/core/overloaded.h"

#include <type_traits>

namespace kiosk::core {
std::vector<Effect> Session::handle(Input input, TimePoint now) {
  std::vector<Effect> effects;
  std::visit(
      overloaded{
          [&](event::CardRead& read) {
            // A new card replaces whoever was there: their data goes first.
            if (m_identity) {
              m_identity->wipe();
              effects.push_back(effect::WipePersonalData{});
            }
            m_identity = std::move(read.identity);
            read.identity.wipe();
            m_state = State::identified;
            m_last_activity = now;
            effects.push_back(effect::Speak{"identified.voice"});
          },
          [&](event::CardRemoved&) {
            // Lifting the card does not end the visit: people lift it to read it.
            m_last_activity = now;
          },
          [&](event::Tick&) {
            if (auto deadline = next_deadline(); deadline && now >= *deadline) {
              effects = end_session();
            }
          },
          [&](intent::Touch&) { m_last_activity = now; },
          [&](intent::SetLanguage& set) {
            m_language = set.language;
            m_last_activity = now;
          },
          [&](intent::GoHome&) { effects = end_session(); },
      },
      input);
  return effects;
}

std::vector<Effect> Session::end_session() {
  std::vector<Effect> effects;
  if (m_identity) {
    m_identity->wipe();
    m_identity.reset();
    effects.push_back(effect::WipePersonalData{});
  }
  m_state = State::attract;
  m_language = m_config.default_language;
  m_last_activity = {};
  return effects;
}

std::optional<TimePoint> Session::next_deadline() const {
  // On the attract screen only a changed language needs to time out back to the default.
  bool pending = m_state != State::attract || m_language != m_config.default_language;
  if (!pending) return std::nullopt;
  return m_last_activity + m_config.idle_timeout;
}

std::chrono::seconds Session::idle_remaining(TimePoint now) const {
  auto deadline = next_deadline();
  if (!deadline) return m_config.idle_timeout;
  auto left = std::chrono::ceil<std::chrono::seconds>(*deadline - now);
  return left.count() < 0 ? std::chrono::seconds{0} : left;
}

}  // namespace kiosk::core
