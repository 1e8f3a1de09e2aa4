#pragma once
// What the devices are doing, as the heartbeat reports it ("reader": "offline", "printer":
// "paper_out"). Written on the UI thread from the session, read on the worker's thread.
#include <map>
#include <mutex>
#include <string>

#include "kiosk/core/session.h"

namespace kiosk::app {

class DeviceStates {
 public:
  void update(const core::Session& session);
  std::map<std::string, std::string> snapshot() const;

 private:
  mutable std::mutex m_mutex;
  std::map<std::string, std::string> m_states{{"reader", "online"}, {"printer", "ok"}};
};

}  // namespace kiosk::app
