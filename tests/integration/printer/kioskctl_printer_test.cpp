// `kioskctl printer` as operators and scripts use it: the JSON of `status`, the exit codes,
// printing a file and rendering a byte stream, against the in-process virtual printer.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "../../unit/drivers/printer/temp_dir.h"
#include "drivers/printer/encoder.h"
#include "drivers/printer/virtual_printer.h"
#include "kiosk/receipts/claim_receipt.h"

using namespace drivers::printer;
using namespace std::chrono_literals;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
};

Run kioskctl(const std::string& arguments) {
  std::string command = fmt::format("{} printer {} 2>/dev/null", KIOSKCTL, arguments);
  Run run;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) run.out += buffer;
  int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// Each test case has a folder of its own (ctest runs them at the same time).
std::unique_ptr<VirtualPrinter> printer(const printer_test::TempDir& dir, PrinterState state = {}) {
  auto p = VirtualPrinter::start({.out_dir = dir / "receipts", .state = state});
  REQUIRE(p);
  return std::move(*p);
}

std::filesystem::path receipt_file(const printer_test::TempDir& dir) {
  auto encoded =
      encode(kiosk::receipts::claim_receipt(kiosk::receipts::sample_claim()), generic_80mm());
  REQUIRE(encoded);
  auto file = dir / "receipt.bin";
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(encoded->bytes.data()),
             static_cast<std::streamsize>(encoded->bytes.size()));
  return file;
}

}  // namespace

TEST_CASE("kioskctl printer status prints exactly the documented keys") {
  printer_test::TempDir dir("ctl-status");
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
  printer_test::TempDir dir("ctl-silent");
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
  printer_test::TempDir dir("ctl-print");
  auto vp = printer(dir);
  auto receipt = receipt_file(dir);
  CHECK(kioskctl(fmt::format("print --device {} {}", vp->uri(), receipt.string())).exit_code == 0);
  CHECK(kioskctl("test --device " + vp->uri()).exit_code == 0);
  CHECK(vp->wait_for_pages(2, 20s));
  vp->set_state({.paper = Paper::out});
  CHECK(kioskctl(fmt::format("print --device {} {}", vp->uri(), receipt.string())).exit_code == 3);
}

TEST_CASE("kioskctl printer render writes a PNG at the chosen width") {
  printer_test::TempDir dir("ctl-render");
  auto out = dir / "render.png";
  auto receipt = receipt_file(dir);
  Run run = kioskctl(fmt::format("render {} {} --dots 512", receipt.string(), out.string()));
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("512x") != std::string::npos);
  CHECK(std::filesystem::file_size(out) > 1000);
  CHECK(
      kioskctl(fmt::format("render {} {} --dots 300", receipt.string(), out.string())).exit_code ==
      2);
}
