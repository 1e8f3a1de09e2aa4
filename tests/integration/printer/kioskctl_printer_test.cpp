// `kioskctl printer` as operators and scripts use it: the JSON of `status`, the exit codes,
// printing a file and rendering a byte stream, against the in-process virtual printer.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "drivers/printer/encoder.h"
#include "drivers/printer/virtual_printer.h"
#include "kiosk/receipts/claim_receipt.h"
#include "process.h"
#include "temp_dir.h"

using namespace drivers::printer;
using namespace std::chrono_literals;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
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
  REQUIRE_FALSE(result.timed_out);
  return {result.exit_code, result.out};
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
