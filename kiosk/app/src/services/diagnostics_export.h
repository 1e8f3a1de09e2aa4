#pragma once
// 导出诊断信息: what a technician needs to see why a terminal misbehaves, written to a folder
// staff choose (a USB stick's mount point): the queue's figures and each claim's state, the
// config version, the device states, the sync state, and the logs. Never personal data: claims
// go by serial and short number only, and the logs never hold any (kiosk/core/describe.h).
#include <expected>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "kiosk/ui/app_view.h"

namespace kiosk::app {

struct Diagnostics {
  std::string terminal_id;
  std::string version;
  std::string config_version;
  std::string exported_at;  // RFC 3339
  ui::QueueView queue;
  ui::StaffView staff;                         // claims, devices, network, day figures
  std::map<std::string, std::string> devices;  // as the heartbeat reports them
  std::filesystem::path log_dir;               // its *.log* files are copied
};

// Writes DIAGNOSTICS into a new folder "kiosk-diagnostics-<terminal>-<time>" under PARENT
// (made when missing); returns that folder. The folder is complete or absent: it is written
// under a temporary name and renamed at the end.
std::expected<std::filesystem::path, std::string> export_diagnostics(
    const Diagnostics& diagnostics, const std::filesystem::path& parent);

}  // namespace kiosk::app
