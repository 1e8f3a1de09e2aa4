#include "kiosk/core/session.h"

#include "kiosk/core/context.h"
#include "kiosk/core/overloaded.h"

namespace kiosk::core {
namespace {

// Lets the current screen react to an event when it has a react() for it; most have none.
template <class Event>
void react_on_screen(Screen& screen, const Event& event, Context& context) {
  std::visit(
      [&](auto& current) {
        if constexpr (requires { react(current, event, context); }) react(current, event, context);
      },
      screen);
}

}  // namespace

std::vector<Effect> Session::handle(Input input, TimePoint now) {
  std::vector<Effect> effects;
  Context context(m_visit, m_config, *m_rules, now, effects);
  std::visit(overloaded{
                 [&](DeviceInput& device) { on_device(device, context); },
                 [&](ServerInput& server) { on_server(server, context); },
                 [&](ClaimsInput& claims) {
                   std::visit([&](auto& answer) { react_on_screen(m_screen, answer, context); },
                              claims);
                 },
                 [&](PrinterInput& printer) {
                   std::visit(overloaded{
                                  [&](printer::Status& status) { m_printer = status; },
                                  [&](auto& job) { react_on_screen(m_screen, job, context); },
                              },
                              printer);
                 },
                 [&](TimeInput&) { on_tick(context); },
                 [&](PersonInput& person) { on_person(person, context); },
             },
             input);
  if (auto& next = context.next()) show(std::move(*next), effects);
  return effects;
}

void Session::on_device(DeviceInput& input, Context& context) {
  std::visit(overloaded{
                 [&](device::CardRead& read) {
                   // A new card replaces whoever was there: their data goes first.
                   if (m_visit.open()) end_visit(context.effects());
                   // An expired card, or a number that fails its check character, is
                   // refused before anything is looked up.
                   if (read.identity.expired || !read.identity.id_number_valid) {
                     read.identity.wipe();
                     m_screen = screen::Attract{};
                     screen::refuse_card(std::get<screen::Attract>(m_screen),
                                         read.identity.expired
                                             ? screen::Attract::Notice::card_expired
                                             : screen::Attract::Notice::card_invalid,
                                         context);
                     return;
                   }
                   m_visit.identity = std::move(read.identity);
                   read.identity.wipe();
                   m_visit.lookup = Lookup::pending;
                   m_last_activity = context.now();
                   context.speak("voice.card_read");
                   context.emit(effect::LookUpMember{++m_visit.number});
                   context.go(screen::Menu{});
                 },
                 [&](device::CardRemoved&) {
                   // Lifting the card does not end the visit: people lift it to read it.
                   m_last_activity = context.now();
                 },
                 [&](device::CardUnreadable& unreadable) {
                   react_on_screen(m_screen, unreadable, context);
                 },
                 [&](device::ReaderStatus& status) { m_reader = status.reader; },
             },
             input);
}

void Session::on_server(ServerInput& input, Context& context) {
  std::visit(overloaded{
                 [&](server::MemberLoaded& loaded) {
                   if (loaded.visit != m_visit.number || !m_visit.open()) {
                     loaded.member.wipe();  // an answer for a visit that has ended
                     return;
                   }
                   m_visit.member = std::move(loaded.member);
                   loaded.member.wipe();
                   m_visit.bills = std::move(loaded.bills);
                   m_visit.history = std::move(loaded.history);
                   m_visit.lookup = Lookup::loaded;
                   react_on_screen(m_screen, loaded, context);
                 },
                 [&](server::RulesLoaded& loaded) {
                   m_rules = std::make_shared<const Rules>(std::move(loaded.rules));
                 },
                 [&](server::LookupFailed& failed) {
                   if (failed.visit != m_visit.number || !m_visit.open()) return;
                   switch (failed.failure) {
                     case server::LookupFailure::not_a_member:
                       m_visit.lookup = Lookup::not_a_member;
                       break;
                     case server::LookupFailure::busy: m_visit.lookup = Lookup::busy; break;
                     case server::LookupFailure::unreachable:
                     case server::LookupFailure::refused: m_visit.lookup = Lookup::failed; break;
                   }
                   react_on_screen(m_screen, failed, context);
                 },
             },
             input);
}

void Session::on_person(PersonInput& input, Context& context) {
  m_last_activity = context.now();
  std::visit(overloaded{
                 [&](person::Touch&) {},
                 [&](person::SetLanguage& set) { m_language = set.language; },
                 [&](person::GoHome&) { context.go(screen::Attract{}); },
                 [&](ScreenIntent& intent) {
                   std::visit(
                       [&](auto& current) {
                         using Current = std::decay_t<decltype(current)>;
                         // An intent drawn for a screen that has since changed is dropped.
                         if (auto* mine = std::get_if<typename Current::Intent>(&intent)) {
                           screen::handle(current, *mine, context);
                         }
                       },
                       m_screen);
                 },
             },
             input);
}

void Session::on_tick(Context& context) {
  const auto now = context.now();
  std::visit(
      [&](auto& current) {
        if constexpr (requires { expire(current, now); }) expire(current, now);
      },
      m_screen);
  if (idle_pending() && now >= m_last_activity + m_config.idle_timeout) {
    context.go(screen::Attract{});
  }
}

void Session::show(Screen next, std::vector<Effect>& effects) {
  if (std::holds_alternative<screen::Attract>(next)) end_visit(effects);
  m_screen = std::move(next);
}

void Session::end_visit(std::vector<Effect>& effects) {
  // Every screen's own input goes with the visit: the screen is replaced by a fresh one.
  m_screen = screen::Attract{};
  if (m_visit.open()) {
    const auto number = m_visit.number;
    m_visit.wipe();
    m_visit.number = number;  // still counts, so late answers for it are recognised
    effects.push_back(effect::WipePersonalData{});
  }
  m_language = m_config.default_language;
  m_last_activity = {};
}

bool Session::idle_pending() const {
  // On the attract screen only a changed language needs to time out back to the default.
  return !std::holds_alternative<screen::Attract>(m_screen) ||
         m_language != m_config.default_language;
}

std::optional<TimePoint> Session::next_deadline() const {
  std::optional<TimePoint> deadline;
  if (idle_pending()) deadline = m_last_activity + m_config.idle_timeout;
  std::visit(
      [&](const auto& current) {
        if constexpr (requires { screen::deadline(current); }) {
          auto own = screen::deadline(current);
          if (own && (!deadline || *own < *deadline)) deadline = own;
        }
      },
      m_screen);
  return deadline;
}

std::chrono::seconds Session::idle_remaining(TimePoint now) const {
  if (!idle_pending()) return m_config.idle_timeout;
  auto left =
      std::chrono::ceil<std::chrono::seconds>(m_last_activity + m_config.idle_timeout - now);
  return left.count() < 0 ? std::chrono::seconds{0} : left;
}

bool Session::idle_warning(TimePoint now) const {
  // A language left changed on the attract screen goes back quietly: nobody is being served.
  return m_visit.open() && idle_remaining(now) <= m_config.idle_warning;
}

}  // namespace kiosk::core
