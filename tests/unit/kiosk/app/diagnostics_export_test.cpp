// 导出诊断信息: the folder has summary.json, claims.json and copies of the logs; it appears
// complete or not at all (no ".partial" left, a second export in the same second replaces the
// first); a parent that cannot be made says so; and what the exporter writes itself is the
// view's non-personal fields and nothing else.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "services/diagnostics_export.h"
#include "temp_dir.h"

using namespace kiosk;
using namespace kiosk::app;
namespace fs = std::filesystem;

namespace {

constexpr const char* kFolder = "kiosk-diagnostics-GH-0001-2026-11-30T08-03-12";

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out);
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json read_json(const fs::path& path) {
  return nlohmann::json::parse(read(path));
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename());
  return names;
}

std::set<std::string> keys_of(const nlohmann::json& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.insert(key);
  return keys;
}

ui::StaffClaimRow row(std::int64_t sequence, std::string uuid, core::UploadState upload) {
  ui::StaffClaimRow r;
  r.uuid = std::move(uuid);
  r.sequence = sequence;
  r.short_id = r.uuid.substr(0, 8);
  r.created = "11-30 08:01";
  r.upload = upload;
  r.attempts = 2;
  r.benefit_fen = 222'721;
  return r;
}

// What Kiosk fills in: a quarantined claim and an uploaded one, devices, today's figures.
Diagnostics sample(const fs::path& log_dir) {
  Diagnostics d;
  d.terminal_id = "GH-0001";
  d.version = "1.4.0";
  d.config_version = "cfg-17";
  d.exported_at = "2026-11-30T08:03:12+08:00";
  d.queue.pending = 3;
  d.queue.quarantined = 1;
  d.queue.oldest_pending_age = std::chrono::seconds(95);
  d.queue.last_error_class = "validation";
  d.staff.last_success = "08:02:59";
  d.staff.printer_state = "staff.printer_paper_near_end";
  d.staff.printer_model = "generic-80mm";
  d.staff.reader_state = "staff.reader_online";
  d.staff.last_card_read = "08:00:41";
  d.staff.server_state = "staff.server_ok";
  d.staff.clock_state = "staff.clock_ok";
  d.staff.day = {.date = "2026-11-30",
                 .claims_taken = 4,
                 .uploaded = 2,
                 .pending = 1,
                 .quarantined = 1,
                 .estimated_benefit_fen = 890'884,
                 .receipts_printed = 4,
                 .reprints = 1,
                 .statements_printed = 2,
                 .test_pages = 1};
  auto held = row(17, "3f2a9c1b-4d2e-4f60-9a7b-1c2d3e4f5a6b", core::UploadState::quarantined);
  held.reason = "HTTP 422: validation_failed: $.bills[0].amount_fen: must be at least 1";
  d.staff.claims.push_back(held);
  auto sent = row(16, "8c1d7e20-5b3a-4c9d-8e7f-6a5b4c3d2e1f", core::UploadState::acked);
  sent.status = core::ClaimStatus::received;
  d.staff.claims.push_back(sent);
  d.devices = {{"printer", "paper_near_end"}, {"reader", "online"}};
  d.log_dir = log_dir;
  return d;
}

}  // namespace

TEST_CASE("diagnostics export: summary, claims and the logs, under the terminal and time") {
  kiosk::testing::TempDir dir("kiosk-diagnostics");
  const fs::path logs = dir.path() / "logs";
  fs::create_directories(logs / "old");
  write(logs / "kiosk.log", "[08:00:41] idcard: card read\n");
  write(logs / "kiosk.log.1", "[07:59:00] sync: claim 3f2a9c1b quarantined\n");
  write(logs / "old" / "kiosk.log", "a folder inside is not copied\n");
  write(logs / "kiosk.db", "the database is never copied, even from the log folder");
  const fs::path parent = dir.path() / "usb" / "stick";  // made when missing

  auto written = export_diagnostics(sample(logs), parent);
  REQUIRE(written);
  CHECK(*written == parent / kFolder);
  CHECK(names_in(parent) == std::set<std::string>{kFolder});
  CHECK(names_in(*written) == std::set<std::string>{"claims.json", "logs", "summary.json"});
  CHECK(names_in(*written / "logs") == std::set<std::string>{"kiosk.log", "kiosk.log.1"});
  CHECK(read(*written / "logs" / "kiosk.log") == read(logs / "kiosk.log"));
  CHECK(read(*written / "logs" / "kiosk.log.1") == read(logs / "kiosk.log.1"));

  const auto summary = read_json(*written / "summary.json");
  CHECK(summary["terminal_id"] == "GH-0001");
  CHECK(summary["version"] == "1.4.0");
  CHECK(summary["config_version"] == "cfg-17");
  CHECK(summary["exported_at"] == "2026-11-30T08:03:12+08:00");
  CHECK(summary["queue"]["pending"] == 3);
  CHECK(summary["queue"]["quarantined"] == 1);
  CHECK(summary["queue"]["oldest_pending_age_s"] == 95);
  CHECK(summary["queue"]["last_error_class"] == "validation");
  CHECK(summary["queue"]["last_success"] == "08:02:59");
  CHECK(summary["devices"]["printer"] == "paper_near_end");
  CHECK(summary["printer"]["state"] == "staff.printer_paper_near_end");
  CHECK(summary["reader"]["last_card_read"] == "08:00:41");
  CHECK(summary["network"]["server"] == "staff.server_ok");
  CHECK(summary["day"]["claims_taken"] == 4);
  CHECK(summary["day"]["estimated_benefit_fen"] == 890'884);
  CHECK(summary["day"]["reprints"] == 1);
  CHECK(summary["day"]["test_pages"] == 1);

  const auto claims = read_json(*written / "claims.json");
  REQUIRE(claims.is_array());
  REQUIRE(claims.size() == 2);
  CHECK(claims[0]["sequence"] == 17);
  CHECK(claims[0]["number"] == "3f2a9c1b");
  CHECK(claims[0]["upload"] == "quarantined");
  CHECK(claims[0]["status"] == "");
  CHECK(claims[0]["attempts"] == 2);
  CHECK(claims[0]["benefit_fen"] == 222'721);
  CHECK(claims[1]["upload"] == "acked");
  CHECK(claims[1]["status"] == "received");
}

TEST_CASE("diagnostics export: without a log folder the rest is still written") {
  kiosk::testing::TempDir dir("kiosk-diagnostics");
  auto written = export_diagnostics(sample(dir.path() / "no-logs-here"), dir.path() / "out");
  REQUIRE(written);
  CHECK(names_in(*written) == std::set<std::string>{"claims.json", "summary.json"});
}

TEST_CASE("diagnostics export: a second export in the same second replaces the first whole") {
  kiosk::testing::TempDir dir("kiosk-diagnostics");
  const fs::path logs = dir.path() / "logs";
  fs::create_directories(logs);
  write(logs / "kiosk.log", "first\n");
  const fs::path parent = dir.path() / "usb";
  auto first = export_diagnostics(sample(logs), parent);
  REQUIRE(first);
  write(*first / "left-by-hand.txt", "not part of the second export");

  Diagnostics again = sample(logs);
  again.queue.pending = 0;
  again.staff.claims.pop_back();
  write(logs / "kiosk.log", "second\n");
  auto second = export_diagnostics(again, parent);
  REQUIRE(second);
  CHECK(*second == *first);
  CHECK(names_in(parent) == std::set<std::string>{kFolder});
  CHECK(names_in(*second) == std::set<std::string>{"claims.json", "logs", "summary.json"});
  CHECK(read_json(*second / "summary.json")["queue"]["pending"] == 0);
  CHECK(read_json(*second / "claims.json").size() == 1);
  CHECK(read(*second / "logs" / "kiosk.log") == "second\n");
}

TEST_CASE("diagnostics export: a half-written folder from an interrupted export is not kept") {
  kiosk::testing::TempDir dir("kiosk-diagnostics");
  const fs::path parent = dir.path() / "usb";
  const fs::path partial = parent / (std::string(kFolder) + ".partial");
  fs::create_directories(partial / "logs");
  write(partial / "summary.json", "{\"cut\":");  // what a pulled stick leaves

  auto written = export_diagnostics(sample(dir.path() / "none"), parent);
  REQUIRE(written);
  CHECK(names_in(parent) == std::set<std::string>{kFolder});
  CHECK(read_json(*written / "summary.json")["terminal_id"] == "GH-0001");
}

TEST_CASE("diagnostics export: a folder that cannot be made is a clear error, nothing written") {
  kiosk::testing::TempDir dir("kiosk-diagnostics");
  // The tests may run as root, whom file modes do not stop: a regular file where the folder
  // should go stops everyone.
  const fs::path file = dir.path() / "not-a-folder";
  write(file, "x");
  for (const fs::path& parent : {file, file / "usb"}) {
    INFO(parent.string());
    auto written = export_diagnostics(sample(dir.path() / "none"), parent);
    REQUIRE_FALSE(written);
    CHECK(written.error().find(parent.string()) != std::string::npos);
    CHECK(written.error().find("USB stick") != std::string::npos);
  }
  CHECK(names_in(dir.path()) == std::set<std::string>{"not-a-folder"});
  CHECK(read(file) == "x");
}

TEST_CASE("diagnostics export: a stick that fills up mid-export leaves no folder behind") {
  kiosk::testing::TempDir dir("kiosk-diagnostics");
  const fs::path parent = dir.path() / "usb";
  fs::create_directories(parent);
  {
    // A full stick, as this process sees it: no file may grow past 64 bytes (EFBIG instead
    // of ENOSPC; SIGXFSZ ignored so the write fails instead of the process). Folders still
    // appear, so the export gets as far as its first file.
    struct FileSizeLimit {
      rlimit saved{};
      void (*saved_handler)(int) = SIG_DFL;
      FileSizeLimit() {
        REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
        saved_handler = ::signal(SIGXFSZ, SIG_IGN);
        rlimit small = saved;
        small.rlim_cur = 64;
        REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
      }
      ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &saved);
        ::signal(SIGXFSZ, saved_handler);
      }
    } full;
    auto written = export_diagnostics(sample(dir.path() / "none"), parent);
    REQUIRE_FALSE(written);
    CHECK(written.error().find("summary.json") != std::string::npos);
  }
  // Neither the folder nor a half-written one: staff see an error and an empty stick.
  CHECK(names_in(parent).empty());
}

TEST_CASE("diagnostics export: it writes the view's figures only, never a claim's uuid") {
  kiosk::testing::TempDir dir("kiosk-diagnostics");
  auto written = export_diagnostics(sample(dir.path() / "none"), dir.path() / "usb");
  REQUIRE(written);
  // Every field the exporter writes, pinned: a new one (a uuid, a member's anything) must be
  // added here on purpose, after checking it holds no personal data.
  const auto summary = read_json(*written / "summary.json");
  CHECK(keys_of(summary) == std::set<std::string>{"config_version", "day", "devices", "exported_at",
                                                  "network", "printer", "queue", "reader",
                                                  "terminal_id", "version"});
  CHECK(keys_of(summary["queue"]) == std::set<std::string>{"last_error_class", "last_success",
                                                           "oldest_pending_age_s", "pending",
                                                           "quarantined"});
  CHECK(keys_of(summary["printer"]) == std::set<std::string>{"model", "state"});
  CHECK(keys_of(summary["reader"]) == std::set<std::string>{"last_card_read", "state"});
  CHECK(keys_of(summary["network"]) == std::set<std::string>{"clock", "server"});
  CHECK(keys_of(summary["day"]) ==
        std::set<std::string>{"claims_taken", "date", "estimated_benefit_fen", "pending",
                              "quarantined", "receipts_printed", "reprints", "statements_printed",
                              "test_pages", "uploaded"});
  for (const auto& claim : read_json(*written / "claims.json")) {
    CHECK(keys_of(claim) == std::set<std::string>{"attempts", "benefit_fen", "created", "number",
                                                  "reason", "sequence", "status", "upload"});
  }
  // Claims go by serial and short number only (diagnostics_export.h): the uuid, which the
  // receipt's QR carries, stays on the terminal.
  std::string everything;
  for (const auto& entry : fs::recursive_directory_iterator(*written)) {
    if (entry.is_regular_file()) everything += read(entry.path());
  }
  for (const auto& claim : sample({}).staff.claims) {
    CHECK(everything.find(claim.uuid) == std::string::npos);
  }
}
