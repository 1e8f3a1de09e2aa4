// `kioskctl printer` as operators and scripts use it: the JSON of `status`, the exit codes,
// printing a file and rendering a byte stream, against the in-process virtual printer and
// against `kioskctl printer sim` running as a program of its own.
#include <catch2/catch.hpp>

#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "background.h"
#include "drivers/printer/encoder.h"
#include "drivers/printer/virtual_printer.h"
#include "kiosk/receipts/claim_receipt.h"
#include "process.h"
#include "temp_dir.h"
#include "wait_until.h"

using namespace drivers::printer;
using namespace std::chrono_literals;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// kioskctl printer ARGUMENTS (split at spaces; the paths used have none), without a shell
// and with a time limit, so that a kioskctl that hangs fails the test instead of hanging it.
Run kioskctl(const std::string& arguments) {
  std::vector<std::string> argv{KIOSKCTL, "printer"};
  std::istringstream words(arguments);
  for (std::string word; words >> word;) argv.push_back(word);
  kiosk::testing::ProcessOptions options;
  options.timeout = 60s;
  auto result = kiosk::testing::run_process(argv, options);
  INFO("kioskctl printer " << arguments << "\n" << result.err);
  REQUIRE_FALSE(result.timed_out);
  return {result.exit_code, result.out, result.err};
}

// Each test case has a folder of its own (ctest runs them at the same time).
std::unique_ptr<VirtualPrinter> printer(const kiosk::testing::TempDir& dir,
                                        PrinterState state = {}) {
  auto p = VirtualPrinter::start({.out_dir = dir.path() / "receipts", .state = state});
  REQUIRE(p);
  return std::move(*p);
}

std::filesystem::path receipt_file(const kiosk::testing::TempDir& dir) {
  auto encoded =
      encode(kiosk::receipts::claim_receipt(kiosk::receipts::sample_claim()), generic_80mm());
  REQUIRE(encoded);
  auto file = dir.path() / "receipt.bin";
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(encoded->bytes.data()),
             static_cast<std::streamsize>(encoded->bytes.size()));
  return file;
}

// `kioskctl printer sim` with ARGUMENTS on 127.0.0.1:0, and the URI it says it listens on.
struct Sim {
  kiosk::testing::Background process;
  std::string uri;
};

Sim start_sim(const kiosk::testing::TempDir& dir, const std::vector<std::string>& arguments) {
  std::vector<std::string> argv{KIOSKCTL,
                                "printer",
                                "sim",
                                "--listen",
                                "127.0.0.1:0",
                                "--out",
                                (dir.path() / "pages").string()};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  Sim sim{kiosk::testing::Background(argv, {}, dir.path() / "sim.log"), {}};
  const std::string banner = "listening on ";
  REQUIRE(kiosk::testing::wait_until([&] {
    return sim.process.log().find(banner) != std::string::npos || !sim.process.running();
  }));
  std::string log = sim.process.log();
  INFO(log);
  auto at = log.find(banner);
  REQUIRE(at != std::string::npos);
  at += banner.size();
  sim.uri = log.substr(at, log.find(' ', at) - at);
  REQUIRE(sim.uri.starts_with("tcp://127.0.0.1:"));
  return sim;
}

std::size_t pages_in(const std::filesystem::path& folder) {
  std::error_code ec;
  auto entries = std::filesystem::directory_iterator(folder, ec);
  return static_cast<std::size_t>(std::distance(begin(entries), end(entries)));
}

}  // namespace

TEST_CASE("kioskctl printer status prints exactly the documented keys") {
  kiosk::testing::TempDir dir("kiosk-printer-ctl-status");
  auto vp = printer(dir, {.paper = Paper::near_end});
  Run run = kioskctl("status --device " + vp->uri());
  CHECK(run.exit_code == 0);
  auto json = nlohmann::json::parse(run.out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"cover_open", "cutter_error", "error", "online", "paper"});
  CHECK(json["online"] == true);
  CHECK(json["paper"] == "near_end");
  CHECK(json["cover_open"] == false);
  CHECK(json["cutter_error"] == false);
  CHECK(json["error"].is_null());

  vp->set_state({.paper = Paper::out, .cover_open = true});
  auto out = nlohmann::json::parse(kioskctl("status --device " + vp->uri()).out);
  CHECK(out["paper"] == "out");
  CHECK(out["cover_open"] == true);
  CHECK(out["online"] == false);
  CHECK(out["error"].is_string());
}

TEST_CASE("kioskctl printer status exits 4 when the printer does not reply") {
  kiosk::testing::TempDir dir("kiosk-printer-ctl-silent");
  auto vp = printer(dir);
  vp->stop_answering_after(0);
  Run run = kioskctl("status --device " + vp->uri() + " --timeout-ms 100");
  CHECK(run.exit_code == 4);
  auto json = nlohmann::json::parse(run.out);
  CHECK(json["paper"] == "unknown");
  CHECK(json["error"] == "no reply");
  CHECK(kioskctl("status --device tcp://127.0.0.1:1").exit_code == 4);
  CHECK(kioskctl("status").exit_code == 2);
}

TEST_CASE("kioskctl printer print and test print on the virtual printer, paper out refuses") {
  kiosk::testing::TempDir dir("kiosk-printer-ctl-print");
  auto vp = printer(dir);
  auto receipt = receipt_file(dir);
  CHECK(kioskctl(fmt::format("print --device {} {}", vp->uri(), receipt.string())).exit_code == 0);
  CHECK(kioskctl("test --device " + vp->uri()).exit_code == 0);
  CHECK(vp->wait_for_pages(2, 20s));
  vp->set_state({.paper = Paper::out});
  CHECK(kioskctl(fmt::format("print --device {} {}", vp->uri(), receipt.string())).exit_code == 3);
}

TEST_CASE("kioskctl printer render writes a PNG at the chosen width") {
  kiosk::testing::TempDir dir("kiosk-printer-ctl-render");
  auto out = dir.path() / "render.png";
  auto receipt = receipt_file(dir);
  Run run = kioskctl(fmt::format("render {} {} --dots 512", receipt.string(), out.string()));
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("512x") != std::string::npos);
  CHECK(std::filesystem::file_size(out) > 1000);
  CHECK(
      kioskctl(fmt::format("render {} {} --dots 300", receipt.string(), out.string())).exit_code ==
      2);
}

TEST_CASE(
    "kioskctl printer sim --paper-out-after: the job cut off fails, the next is refused until a "
    "new roll") {
  kiosk::testing::TempDir dir("kiosk-printer-ctl-sim-paper");
  auto receipt = receipt_file(dir);
  auto half = std::filesystem::file_size(receipt) / 2;
  Sim sim = start_sim(dir, {"--paper-out-after", std::to_string(half)});
  CHECK(sim.process.log().find(fmt::format("paper runs out after {} bytes", half)) !=
        std::string::npos);

  // The printer stops at paper end: the spooler's status poll finds it during the job.
  Run cut = kioskctl(fmt::format("print --device {} {}", sim.uri, receipt.string()));
  CHECK(cut.exit_code == 1);
  CHECK(cut.err.find("stopped during the job") != std::string::npos);
  CHECK(cut.err.find("out of paper") != std::string::npos);

  auto status = nlohmann::json::parse(kioskctl("status --device " + sim.uri).out);
  CHECK(status["paper"] == "out");
  Run refused = kioskctl(fmt::format("print --device {} {}", sim.uri, receipt.string()));
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("out of paper") != std::string::npos);

  CHECK(pages_in(dir.path() / "pages") == 0);  // half a receipt is not a receipt

  // A new roll (SIGUSR1): the job is printed again, whole; the fault was used once.
  ::kill(sim.process.pid(), SIGUSR1);
  REQUIRE(kiosk::testing::wait_until(
      [&] { return sim.process.log().find("paper refilled") != std::string::npos; }));
  CHECK(kioskctl(fmt::format("print --device {} {}", sim.uri, receipt.string())).exit_code == 0);
  CHECK(kiosk::testing::wait_until([&] { return pages_in(dir.path() / "pages") == 1; }));

  CHECK(sim.process.stop() == 0);
  CHECK(sim.process.log().find("the paper ran out after") != std::string::npos);
}

TEST_CASE("kioskctl printer sim --at-paper-end keeps_answering: GS r tells the job it failed") {
  kiosk::testing::TempDir dir("kiosk-printer-ctl-sim-gs-r");
  auto receipt = receipt_file(dir);
  auto size = std::filesystem::file_size(receipt);
  // Longer than a whole job and its status queries: that job prints, the fault stays armed.
  Sim sim = start_sim(dir, {"--paper-out-after", std::to_string(size * 3 / 2), "--at-paper-end",
                            "keeps_answering"});
  Run whole = kioskctl(fmt::format("print --device {} {}", sim.uri, receipt.string()));
  CHECK(whole.exit_code == 0);
  CHECK(kiosk::testing::wait_until([&] { return pages_in(dir.path() / "pages") == 1; }));

  // A longer job (two receipts in one connection) runs into the paper end.
  auto twice = dir.path() / "twice.bin";
  {
    std::ifstream in(receipt, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    std::ofstream(twice, std::ios::binary) << bytes << bytes;
  }
  Run cut = kioskctl(fmt::format("print --device {} {}", sim.uri, twice.string()));
  CHECK(cut.exit_code == 1);
  CHECK(cut.err.find("paper end") != std::string::npos);
  CHECK(sim.process.stop() == 0);
  // The first receipt of the long job was cut before the paper ended, so it came out.
  CHECK(pages_in(dir.path() / "pages") == 2);
}

TEST_CASE("kioskctl printer sim refuses a bad paper-end fault or port with exit 2 and the reason") {
  kiosk::testing::TempDir dir("kiosk-printer-ctl-sim-usage");
  std::string base = "sim --listen 127.0.0.1:0 --out " + (dir.path() / "pages").string();
  Run sideways = kioskctl(base + " --paper-out-after 10 --at-paper-end sideways");
  CHECK(sideways.exit_code == 2);
  CHECK(sideways.err.find("--at-paper-end") != std::string::npos);
  Run alone = kioskctl(base + " --at-paper-end stops");
  CHECK(alone.exit_code == 2);
  CHECK(alone.err.find("--paper-out-after") != std::string::npos);
  Run negative = kioskctl(base + " --paper-out-after -5");
  CHECK(negative.exit_code == 2);
  CHECK(negative.err.find("--paper-out-after") != std::string::npos);
  for (std::string listen : {"127.0.0.1:70000", "127.0.0.1:9x", "127.0.0.1:", "127.0.0.1"}) {
    Run bad = kioskctl("sim --listen " + listen + " --out " + (dir.path() / "pages").string());
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--listen") != std::string::npos);
  }
}
