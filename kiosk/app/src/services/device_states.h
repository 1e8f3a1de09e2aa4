#pragma once
// What the devices are doing, as the heartbeat reports it ("reader": "offline", "printer":
// "paper_out"). Written on the UI thread from the session, read on the worker's thread.
#include <map>
#include <mutex>
#include <string>

#include "kiosk/core/session.h"

namespace kiosk::app {

// The printer's state as the heartbeat words it: "ok", "offline", "cover_open", "paper_out",
// "paper_near_end". The staff screen shows the same state (catalogue key staff.printer_<state>).
const char* printer_state(const core::printer::Status& status);

class DeviceStates {
 public:
  void update(const core::Session& session);
  std::map<std::string, std::string> snapshot() const;

 private:
  mutable std::mutex m_mutex;
  std::map<std::string, std::string> m_states{{"reader", "online"}, {"printer", "ok"}};
};

}  // namespace kiosk::app
