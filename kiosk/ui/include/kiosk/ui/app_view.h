#pragma once
// What the app owns and the screens show: plain values the app fills each frame. The UI
// never reaches the app's services; it sees these and the core session only.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/claim.h"
#include "kiosk/core/money.h"
#include "kiosk/core/time_point.h"

namespace kiosk::ui {

// Local wall-clock time for the clock and the date line (weekday 0 = Sunday).
struct WallClock {
  int year = 2026, month = 1, day = 1, weekday = 0, hour = 0, minute = 0;
};

// A notice from the central server's configuration, shown on the attract screen.
struct Notice {
  std::string title;
  std::string body;
};

// The upload queue, for the staff screens and the banner when uploads are stuck.
struct QueueView {
  std::int64_t pending = 0;      // waiting to upload (due now or after a retry wait)
  std::int64_t quarantined = 0;  // refused by the server; staff must look
  std::optional<std::chrono::seconds> oldest_pending_age;
  std::string last_error_class;  // "" when the last attempt succeeded
};

// One claim as the staff screens list it: no personal data.
struct StaffClaimRow {
  std::string uuid;
  std::int64_t sequence = 0;  // 流水号 on the receipt; staff type it to reprint
  std::string short_id;       // 申报编号
  std::string created;        // "11-29 14:03", local time
  core::UploadState upload = core::UploadState::pending;
  std::optional<core::ClaimStatus> status;
  int attempts = 0;
  std::string reason;  // quarantined or rejected: the server's reason
  core::Fen benefit_fen = 0;
};

// 日结单: today's figures on this terminal.
struct DaySummary {
  std::string date;  // "2026-11-29"
  int claims_taken = 0;
  int uploaded = 0;
  int pending = 0;      // not yet acked (also retrying)
  int quarantined = 0;  // refused: staff must look
  core::Fen estimated_benefit_fen = 0;
  int receipts_printed = 0;
  int reprints = 0;
  int statements_printed = 0;
  int test_pages = 0;
};

// What the staff screens show besides the queue: read by the app when a staff page opens and
// after each task, not every frame.
struct StaffView {
  std::vector<StaffClaimRow> claims;  // today's and every claim not yet uploaded, newest first
  std::string last_success;           // "14:03:12" of the last upload, "" if none yet
  // The printer and the reader as their drivers last said, in plain words from the catalogue.
  std::string printer_state;  // a catalogue key: "staff.printer_ok", "staff.printer_paper_near_end", ...
  std::string printer_model;
  std::string reader_state;    // "staff.reader_online" / "staff.reader_offline"
  std::string last_card_read;  // "14:01:55", "" if none since start
  // The central server: reachable (last exchange worked), TLS and clock.
  std::string server_state;  // "staff.server_ok", "staff.server_unreachable", ...
  std::string clock_state;   // "staff.clock_ok" or "staff.clock_off"
  std::string config_version;
  std::string terminal_id;
  std::string version;
  DaySummary day;
};

struct AppView {
  core::TimePoint now{};
  WallClock wall;
  std::string_view center_name;
  float px_per_mm = 0.0f;  // the panel's density; 0: the default 21.5-inch panel
  bool demo = false;       // simulated devices: show the demo keys
  std::vector<Notice> notices;
  QueueView queue;
  StaffView staff;  // filled while a staff screen shows
};

}  // namespace kiosk::ui
