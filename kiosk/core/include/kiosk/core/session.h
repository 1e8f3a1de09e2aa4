#pragma once
// The session state machine: one visit of one person, from the attract screen back to it.
// It is a Visit (whose data) and a Screen (where they are, with that screen's own input).
// Inputs (kiosk/core/inputs.h) go in; the new state is read back and effects come out for
// the app to perform. It performs nothing itself.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/effects.h"
#include "kiosk/core/inputs.h"
#include "kiosk/core/screen.h"
#include "kiosk/core/session_config.h"
#include "kiosk/core/visit.h"

namespace kiosk::core {

class Session {
 public:
  explicit Session(SessionConfig config)
      : m_config(config),
        m_language(config.default_language),
        m_text_size(config.default_text_size) {}
  ~Session() { m_visit.wipe(); }
  Session(Session&&) = default;
  Session& operator=(Session&&) = default;

  std::vector<Effect> handle(Input input, TimePoint now);

  const Screen& screen() const { return m_screen; }
  template <class S>
  const S* screen_if() const {
    return std::get_if<S>(&m_screen);
  }
  const char* screen_name() const { return core::screen_name(m_screen); }

  const Visit& visit() const { return m_visit; }
  // The person's identity while a visit is open; nullptr on the attract screen.
  const Identity* identity() const { return m_visit.identity ? &*m_visit.identity : nullptr; }
  Lookup lookup() const { return m_visit.lookup; }
  const Member* member() const { return m_visit.member ? &*m_visit.member : nullptr; }
  const std::vector<Bill>& bills() const { return m_visit.bills; }

  Language language() const { return m_language; }
  TextSize text_size() const { return m_text_size; }
  // Staff closed the terminal: the attract screen says so, and cards are turned away.
  bool out_of_service() const { return m_service == Service::closed; }
  device::Reader reader() const { return m_reader; }
  bool reader_online() const { return m_reader == device::Reader::online; }
  const printer::Status& printer() const { return m_printer; }

  // When the app must send a time::Tick: the idle timeout or a screen's own deadline;
  // nothing while nothing is pending.
  std::optional<TimePoint> next_deadline() const;
  std::chrono::seconds idle_remaining(TimePoint now) const;
  // The last seconds before the idle timeout: the countdown overlay with "continue" shows.
  bool idle_warning(TimePoint now) const;
  const SessionConfig& config() const { return m_config; }
  const Rules& rules() const { return *m_rules; }

 private:
  void on_device(DeviceInput& input, Context& context);
  void on_server(ServerInput& input, Context& context);
  void on_person(PersonInput& input, Context& context);
  void on_tick(Context& context);
  void on_staff(StaffInput& input, Context& context);
  // The new screen's own prompt, when it changed and the handler said nothing itself.
  void speak_screen(const char* before, std::vector<Effect>& effects) const;
  std::chrono::seconds idle_timeout() const;
  // Shows NEXT; the attract screen ends the visit (wipe, default language).
  void show(Screen next, std::vector<Effect>& effects);
  void end_visit(std::vector<Effect>& effects);
  bool idle_pending() const;

  SessionConfig m_config;
  Language m_language;
  TextSize m_text_size;
  Service m_service = Service::open;
  Visit m_visit;
  Screen m_screen;
  TimePoint m_last_activity{};
  std::optional<TimePoint> m_warned_at;  // the idle warning was spoken for this activity time
  device::Reader m_reader = device::Reader::online;
  printer::Status m_printer;
  std::shared_ptr<const Rules> m_rules = std::make_shared<const Rules>();
};

// One log line for an input or an effect. Never contains personal data.
std::string describe(const Input& input);
std::string describe(const Effect& effect);

}  // namespace kiosk::core
