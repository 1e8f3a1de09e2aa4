#pragma once
// The session state machine: one visit of one person, from the attract screen back to it.
// Events (devices, time) and intents (the person on screen) go in; the new state is read
// back and effects come out for the app to perform. It performs nothing itself.
#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/core/bill.h"
#include "kiosk/core/identity.h"
#include "kiosk/core/member.h"

namespace kiosk::core {

using TimePoint = std::chrono::steady_clock::time_point;

enum class Language { zh_CN, en };
enum class State {
  attract,     // waiting for a card
  identified,  // a card was read; greets the person
};

namespace event {
struct CardRead {
  Identity identity;
};
struct CardRemoved {};
// A card lies on the reader but could not be read (moved too soon, not an ID card).
struct CardUnreadable {};
// The reader came online or went offline (unplugged, failing).
struct ReaderStatus {
  bool online = false;
};
struct Tick {};  // time passed; the app sends it at next_deadline()
// The central server's answer to effect::LookUpMember for visit VISIT.
struct MemberLoaded {
  std::uint64_t visit = 0;
  Member member;
  std::vector<Bill> bills;
};
struct LookupFailed {
  std::uint64_t visit = 0;
  std::string error_class;    // network, tls, clock, auth, server, validation, captive_portal, busy
  bool not_a_member = false;  // the server knows no member with this number
};
}  // namespace event

namespace intent {
struct Touch {};  // any touch on the screen: the person is still there
struct SetLanguage {
  Language language;
};
struct GoHome {};  // "返回首页"
}  // namespace intent

using Input = std::variant<event::CardRead, event::CardRemoved, event::CardUnreadable,
                           event::ReaderStatus, event::Tick, event::MemberLoaded,
                           event::LookupFailed, intent::Touch, intent::SetLanguage, intent::GoHome>;

namespace effect {
struct Speak {
  std::string key;  // a string-catalogue key, spoken in the current language
};
struct WipePersonalData {};  // drop every cache of personal data outside the session
// Ask the central server for the member and settlement records of identity()'s number;
// the answer comes back as event::MemberLoaded or event::LookupFailed with this visit.
struct LookUpMember {
  std::uint64_t visit = 0;
};
}  // namespace effect

using Effect = std::variant<effect::Speak, effect::WipePersonalData, effect::LookUpMember>;

// busy: the central server turned the lookup away for now (rate limit); trying again later works.
enum class Lookup { none, pending, loaded, failed, busy, not_a_member };

struct SessionConfig {
  std::chrono::seconds idle_timeout{90};
  Language default_language = Language::zh_CN;
  std::chrono::seconds notice_duration{6};  // how long "please put the card on again" shows
};

class Session {
 public:
  explicit Session(SessionConfig config) : m_config(config), m_language(config.default_language) {}

  std::vector<Effect> handle(Input input, TimePoint now);

  State state() const { return m_state; }
  bool reader_online() const { return m_reader_online; }
  // A card could not be read and the message asking to put it on again is showing.
  bool card_unreadable_notice() const { return m_notice_until.has_value(); }
  Language language() const { return m_language; }
  // The person's identity while a session is open; nullptr on the attract screen.
  const Identity* identity() const { return m_identity ? &*m_identity : nullptr; }
  // The member record and settlement records from the central server, once loaded.
  Lookup lookup() const { return m_lookup; }
  const Member* member() const { return m_member ? &*m_member : nullptr; }
  const std::vector<Bill>& bills() const { return m_bills; }
  std::uint64_t visit() const { return m_visit; }
  // When the app must send a Tick: the idle timeout, or nothing while nothing is pending.
  std::optional<TimePoint> next_deadline() const;
  std::chrono::seconds idle_remaining(TimePoint now) const;

 private:
  std::vector<Effect> end_session();
  bool idle_pending() const;
  void wipe_person();

  SessionConfig m_config;
  State m_state = State::attract;
  Language m_language;
  std::optional<Identity> m_identity;
  std::uint64_t m_visit = 0;  // counts card reads, so a late answer for an earlier one is dropped
  Lookup m_lookup = Lookup::none;
  std::optional<Member> m_member;
  std::vector<Bill> m_bills;
  TimePoint m_last_activity{};
  bool m_reader_online = true;
  std::optional<TimePoint> m_notice_until;
};

// One log line for an input or an effect. Never contains personal data.
std::string describe(const Input& input);
std::string describe(const Effect& effect);
const char* to_string(State state);
const char* to_string(Language language);

}  // namespace kiosk::core
