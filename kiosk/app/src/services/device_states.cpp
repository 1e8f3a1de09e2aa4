#include "services/device_states.h"

namespace kiosk::app {

const char* printer_state(const core::printer::Status& status) {
  if (!status.online) return "offline";
  if (status.cover_open) return "cover_open";
  switch (status.paper) {
    case core::printer::Paper::out: return "paper_out";
    case core::printer::Paper::near_end: return "paper_near_end";
    case core::printer::Paper::ok: break;
  }
  return "ok";
}

void DeviceStates::update(const core::Session& session) {
  std::lock_guard lock(m_mutex);
  m_states["reader"] = session.reader_online() ? "online" : "offline";
  m_states["printer"] = printer_state(session.printer());
}

std::map<std::string, std::string> DeviceStates::snapshot() const {
  std::lock_guard lock(m_mutex);
  return m_states;
}

}  // namespace kiosk::app
