#include "kiosk/core/session.h"
#include "kiosk/core/overloaded.h"

#include <type_traits>

namespace kiosk::core {
std::vector<Effect> Session::handle(Input input, TimePoint now) {
  std::vector<Effect> effects;
  std::visit(overloaded{
                 [&](event::CardRead& read) {
                   // A new card replaces whoever was there: their data goes first.
                   if (m_identity) {
                     wipe_person();
                     effects.push_back(effect::WipePersonalData{});
                   }
                   m_identity = std::move(read.identity);
                   read.identity.wipe();
                   m_state = State::identified;
                   m_last_activity = now;
                   m_notice_until.reset();
                   ++m_visit;
                   m_lookup = Lookup::pending;
                   effects.push_back(effect::Speak{"identified.voice"});
                   effects.push_back(effect::LookUpMember{m_visit});
                 },
                 [&](event::CardRemoved&) {
                   // Lifting the card does not end the visit: people lift it to read it.
                   m_last_activity = now;
                 },
                 [&](event::CardUnreadable&) {
                   m_notice_until = now + m_config.notice_duration;
                   effects.push_back(effect::Speak{"attract.card_unreadable"});
                 },
                 [&](event::ReaderStatus& status) { m_reader_online = status.online; },
                 [&](event::MemberLoaded& loaded) {
                   if (loaded.visit != m_visit || m_state != State::identified) {
                     loaded.member.wipe();  // an answer for a visit that has ended
                     return;
                   }
                   m_member = std::move(loaded.member);
                   loaded.member.wipe();
                   m_bills = std::move(loaded.bills);
                   m_lookup = Lookup::loaded;
                 },
                 [&](event::LookupFailed& failed) {
                   if (failed.visit != m_visit || m_state != State::identified) return;
                   m_lookup = failed.not_a_member            ? Lookup::not_a_member
                              : failed.error_class == "busy" ? Lookup::busy
                                                             : Lookup::failed;
                 },
                 [&](event::Tick&) {
                   if (m_notice_until && now >= *m_notice_until) m_notice_until.reset();
                   if (idle_pending() && now >= m_last_activity + m_config.idle_timeout) {
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
    wipe_person();
    effects.push_back(effect::WipePersonalData{});
  }
  m_state = State::attract;
  m_language = m_config.default_language;
  m_last_activity = {};
  return effects;
}

void Session::wipe_person() {
  if (m_identity) m_identity->wipe();
  m_identity.reset();
  if (m_member) m_member->wipe();
  m_member.reset();
  m_bills.clear();
  m_lookup = Lookup::none;
}

bool Session::idle_pending() const {
  // On the attract screen only a changed language needs to time out back to the default.
  return m_state != State::attract || m_language != m_config.default_language;
}

std::optional<TimePoint> Session::next_deadline() const {
  std::optional<TimePoint> deadline;
  if (idle_pending()) deadline = m_last_activity + m_config.idle_timeout;
  if (m_notice_until && (!deadline || *m_notice_until < *deadline)) deadline = m_notice_until;
  return deadline;
}

std::chrono::seconds Session::idle_remaining(TimePoint now) const {
  if (!idle_pending()) return m_config.idle_timeout;
  auto left =
      std::chrono::ceil<std::chrono::seconds>(m_last_activity + m_config.idle_timeout - now);
  return left.count() < 0 ? std::chrono::seconds{0} : left;
}

}  // namespace kiosk::core
