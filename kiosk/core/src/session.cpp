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

// The prompt a screen speaks when it appears: its voice() (a screen whose steps each have
// one) or its kVoice; none for screens that say nothing on arrival.
const char* voice_of(const Screen& screen) {
  return std::visit(
      [](const auto& current) -> const char* {
        using Current = std::decay_t<decltype(current)>;
        if constexpr (requires { current.voice(); }) {
          return current.voice();
        } else if constexpr (requires { Current::kVoice; }) {
          return Current::kVoice;
        } else {
          return nullptr;
        }
      },
      screen);
}

// The staff member signed in on SCREEN; nullptr outside staff mode and on the PIN screen.
const StaffMember* signed_in(const Screen& screen) {
  return std::visit(
      [](const auto& current) -> const StaffMember* {
        if constexpr (std::is_base_of_v<screen::StaffPage, std::decay_t<decltype(current)>>) {
          return &current.who;
        } else {
          return nullptr;
        }
      },
      screen);
}

}  // namespace

std::vector<Effect> Session::handle(Input input, TimePoint now) {
  std::vector<Effect> effects;
  const char* voice_before = voice_of(m_screen);
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
                 [&](StaffInput& staff) { on_staff(staff, context); },
             },
             input);
  if (auto& next = context.next()) show(std::move(*next), effects);
  speak_screen(voice_before, effects);
  // Staff mode is silent: the lobby does not need to hear the staff screens.
  if (is_staff(m_screen)) {
    std::erase_if(effects,
                  [](const Effect& e) { return std::holds_alternative<effect::Speak>(e); });
  }
  return effects;
}

void Session::speak_screen(const char* before, std::vector<Effect>& effects) const {
  const char* now = voice_of(m_screen);
  if (!now || (before && std::string_view(before) == now)) return;
  // One prompt per input: a handler that said something itself (an error, the card read) wins.
  for (const auto& effect : effects) {
    if (std::holds_alternative<effect::Speak>(effect)) return;
  }
  effects.push_back(effect::Speak{now});
}

void Session::on_device(DeviceInput& input, Context& context) {
  std::visit(overloaded{
                 [&](device::CardRead& read) {
                   // Staff at work: a card on the reader (a self-test, a forgotten card) is
                   // not a visit.
                   if (is_staff(m_screen)) {
                     read.identity.wipe();
                     return;
                   }
                   // A new card replaces whoever was there: their data goes first.
                   if (m_visit.open()) end_visit(context.effects());
                   // An expired card, or a number that fails its check character, is
                   // refused before anything is looked up.
                   // Nothing is looked up while staff have closed the terminal.
                   if (read.identity.expired || !read.identity.id_number_valid ||
                       m_service == Service::closed) {
                     const auto notice =
                         m_service == Service::closed ? screen::Attract::Notice::out_of_service
                         : read.identity.expired      ? screen::Attract::Notice::card_expired
                                                      : screen::Attract::Notice::card_invalid;
                     read.identity.wipe();
                     m_screen = screen::Attract{};
                     screen::refuse_card(std::get<screen::Attract>(m_screen), notice, context);
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
                       context.speak("voice.not_a_member");
                       break;
                     case server::LookupFailure::busy:
                       m_visit.lookup = Lookup::busy;
                       context.speak("voice.lookup_busy");
                       break;
                     case server::LookupFailure::unreachable:
                     case server::LookupFailure::refused:
                       m_visit.lookup = Lookup::failed;
                       context.speak("voice.lookup_failed");
                       break;
                   }
                   react_on_screen(m_screen, failed, context);
                 },
             },
             input);
}

void Session::on_person(PersonInput& input, Context& context) {
  m_last_activity = context.now();
  std::visit(overloaded{
                 [&](person::Touch&) {
                   // Someone touched the waiting screen: tell them how to start.
                   if (std::holds_alternative<screen::Attract>(m_screen)) {
                     context.speak(m_service == Service::closed ? "voice.out_of_service"
                                                                : "voice.attract");
                   }
                 },
                 [&](person::SetLanguage& set) { m_language = set.language; },
                 [&](person::SetTextSize& set) { m_text_size = set.size; },
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
  if (idle_pending() && now >= m_last_activity + idle_timeout()) {
    context.go(screen::Attract{});
  } else if (idle_warning(now) && m_warned_at != m_last_activity) {
    m_warned_at = m_last_activity;
    context.speak("voice.idle_warning");
  }
}

void Session::on_staff(StaffInput& input, Context& context) {
  std::visit(overloaded{
                 [&](staff::ServiceState& state) { m_service = state.service; },
                 [&](auto& answer) { react_on_screen(m_screen, answer, context); },
             },
             input);
}

std::chrono::seconds Session::idle_timeout() const {
  if (is_staff(m_screen)) return m_config.staff_idle_timeout;
  return m_text_size == TextSize::large ? m_config.idle_timeout_large : m_config.idle_timeout;
}

void Session::show(Screen next, std::vector<Effect>& effects) {
  if (const auto* who = signed_in(m_screen); who && !is_staff(next)) {
    effects.push_back(effect::StaffAction{StaffTask::sign_out, who->staff_id, {}, 0});
  }
  if (std::holds_alternative<screen::Attract>(next)) {
    if (m_visit.open()) effects.push_back(effect::Speak{"voice.goodbye"});
    end_visit(effects);
  }
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
  m_text_size = m_config.default_text_size;
  m_last_activity = {};
}

bool Session::idle_pending() const {
  // On the attract screen only a changed language or text size needs to time out back to
  // the default.
  return !std::holds_alternative<screen::Attract>(m_screen) ||
         m_language != m_config.default_language || m_text_size != m_config.default_text_size;
}

std::optional<TimePoint> Session::next_deadline() const {
  std::optional<TimePoint> deadline;
  if (idle_pending()) {
    deadline = m_last_activity + idle_timeout();
    // The moment the countdown appears, so its prompt is spoken then.
    const auto warn = *deadline - m_config.idle_warning;
    if (m_warned_at != m_last_activity && (m_visit.open() || is_staff(m_screen))) deadline = warn;
  }
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
  if (!idle_pending()) return idle_timeout();
  auto left = std::chrono::ceil<std::chrono::seconds>(m_last_activity + idle_timeout() - now);
  return left.count() < 0 ? std::chrono::seconds{0} : left;
}

bool Session::idle_warning(TimePoint now) const {
  // A language left changed on the attract screen goes back quietly: nobody is being served.
  return (m_visit.open() || is_staff(m_screen)) && idle_remaining(now) <= m_config.idle_warning;
}

}  // namespace kiosk::core
