// kioskctl a4's interface: render a sample, read a printer's state as JSON, print a file and
// follow the job, and the exit codes (0 printed, 2 usage, 3 not printed, 4 no answer).
#include <catch2/catch.hpp>

#include <signal.h>

#include <fstream>
#include <sstream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "drivers/ipp/client.h"
#include "ipp_peer.h"
#include "process.h"

using kiosk::testing::run_process;
using namespace std::chrono_literals;

namespace {

kiosk::testing::ProcessResult kioskctl(std::vector<std::string> args) {
  args.insert(args.begin(), KIOSKCTL);
  kiosk::testing::ProcessOptions options;
  options.timeout = 60s;
  return run_process(args, options);
}

nlohmann::json last_json_line(const std::string& out) {
  auto end = out.find_last_not_of('\n');
  REQUIRE(end != std::string::npos);
  auto start = out.rfind('\n', end);
  return nlohmann::json::parse(out.substr(start == std::string::npos ? 0 : start + 1, end + 1));
}

// `kioskctl a4 status` prints these keys in this order, whether the printer answered or not.
const std::vector<std::string> kStatusKeys{"printer", "state",          "reasons",
                                           "message", "accepting_jobs", "error"};

std::vector<std::string> keys_of(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

// The last line of TEXT that is a JSON object (a log mixes stderr lines in), or null.
nlohmann::json last_json_in(const std::string& text) {
  nlohmann::json last;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with('{')) last = nlohmann::json::parse(line, nullptr, false);
  }
  return last;
}

// A print command for ippeveprinter that keeps the job processing for a few seconds.
std::filesystem::path slow_command(const std::filesystem::path& dir) {
  auto command = dir / "slow.sh";
  std::ofstream(command) << "#!/bin/sh\nexec sleep 5\n";
  std::filesystem::permissions(command, std::filesystem::perms::owner_all);
  return command;
}

}  // namespace

TEST_CASE("kioskctl a4 render writes a sample statement and a4 print prints it") {
  a4_test::IppPeer printer;
  auto pdf = printer.dir() / "sample.pdf";
  auto rendered = kioskctl({"a4", "render", pdf.string(), "--records", "50"});
  INFO(rendered.err);
  REQUIRE(rendered.exit_code == 0);
  auto info = run_process({"pdfinfo", pdf.string()});
  CHECK(info.out.find("Pages:           3\n") != std::string::npos);

  auto status = kioskctl({"a4", "status", "--printer", printer.uri()});
  INFO(status.err);
  REQUIRE(status.exit_code == 0);
  auto state = nlohmann::ordered_json::parse(status.out);
  CHECK(keys_of(state) == kStatusKeys);
  CHECK(state["printer"] == printer.uri());
  CHECK(state["state"] == "idle");
  CHECK(state["reasons"] == nlohmann::json::array());
  CHECK(state["accepting_jobs"] == true);
  CHECK(state["error"].is_null());

  auto printed = kioskctl({"a4", "print", "--printer", printer.uri(), pdf.string()});
  INFO(printed.out << printed.err << printer.log());
  REQUIRE(printed.exit_code == 0);
  auto last = last_json_line(printed.out);
  CHECK(last["status"] == "done");
  CHECK(last["final"] == true);
  CHECK(last["job_id"].get<int>() > 0);
  REQUIRE(printer.kept().size() == 1);
  CHECK(std::filesystem::file_size(printer.kept()[0]) == std::filesystem::file_size(pdf));
}

TEST_CASE("kioskctl a4 print exits 3 with the reason when the printer is out of paper") {
  kiosk::testing::TempDir scripts("kiosk-a4-cmd");
  auto command = scripts.path() / "hold.sh";
  {
    std::ofstream out(command);
    out << "#!/bin/sh\necho 'STATE: +media-empty-error' >&2\nexec sleep 60\n";
  }
  std::filesystem::permissions(command, std::filesystem::perms::owner_all);
  a4_test::IppPeer printer({.command = command});
  auto pdf = printer.dir() / "sample.pdf";
  auto rendered = kioskctl({"a4", "render", pdf.string()});
  INFO(rendered.err);
  REQUIRE(rendered.exit_code == 0);
  auto printed =
      kioskctl({"a4", "print", "--printer", printer.uri(), pdf.string(), "--give-up-s", "1"});
  INFO(printed.out << printed.err);
  CHECK(printed.exit_code == 3);
  auto last = last_json_line(printed.out);
  CHECK(last["status"] == "paper_out");
  CHECK(last["final"] == true);
  CHECK(printed.err.find("out of paper") != std::string::npos);
}

TEST_CASE("kioskctl a4 status and print exit 4 when no printer answers, 2 on bad arguments") {
  const std::string nobody = fmt::format("ipp://127.0.0.1:{}/ipp/print", a4_test::free_port());
  auto status = kioskctl({"a4", "status", "--printer", nobody});
  CHECK(status.exit_code == 4);
  auto state = nlohmann::ordered_json::parse(status.out);
  CHECK(keys_of(state) == kStatusKeys);
  CHECK(state["state"] == "unknown");
  CHECK(state["accepting_jobs"] == false);
  CHECK(state["error"].get<std::string>().find("cannot connect") != std::string::npos);

  kiosk::testing::TempDir dir("kiosk-a4-args");
  auto pdf = dir.path() / "one.pdf";
  auto rendered = kioskctl({"a4", "render", pdf.string(), "--records", "1"});
  INFO(rendered.err);
  REQUIRE(rendered.exit_code == 0);
  CHECK(kioskctl({"a4", "print", "--printer", nobody, pdf.string()}).exit_code == 4);

  CHECK(kioskctl({"a4", "status", "--printer", "http://127.0.0.1/x"}).exit_code == 2);
  CHECK(kioskctl({"a4", "status"}).exit_code == 2);
  CHECK(kioskctl({"a4", "print", "--printer", nobody, (dir.path() / "missing.pdf").string()})
            .exit_code == 2);
  CHECK(kioskctl({"a4", "render", pdf.string(), "--number", "bad number!"}).exit_code == 2);
  CHECK(kioskctl({"a4", "frobnicate"}).exit_code == 2);
}

TEST_CASE("kioskctl a4 print cancels the job on the printer when interrupted, and exits 3") {
  kiosk::testing::TempDir dir("kiosk-a4-interrupt");
  a4_test::IppPeer printer({.command = slow_command(dir.path())});
  auto pdf = dir.path() / "one.pdf";
  REQUIRE(kioskctl({"a4", "render", pdf.string(), "--records", "1"}).exit_code == 0);
  for (int signal : {SIGINT, SIGTERM}) {
    INFO("signal " << signal);
    kiosk::testing::Background print(
        {KIOSKCTL, "a4", "print", "--printer", printer.uri(), pdf.string()}, {},
        dir.path() / fmt::format("print-{}.log", signal));
    REQUIRE(a4_test::wait_until([&] {
      auto line = last_json_in(print.log());
      return !print.running() || (line.is_object() && line["status"] == "processing");
    }));
    INFO(print.log());
    REQUIRE(print.running());
    ::kill(print.pid(), signal);
    REQUIRE(a4_test::wait_until([&] { return !print.running(); }));
    CHECK(print.stop() == 3);
    auto last = last_json_in(print.log());
    CHECK(last["status"] == "canceled");
    CHECK(last["final"] == true);
    CHECK(last["message"] == "the job was cancelled");
    // The printer marks the job canceled once its print command has ended.
    auto client = drivers::ipp::Client::open(printer.uri());
    REQUIRE(client);
    CHECK(a4_test::wait_until(
        [&] {
          auto job = client->job(last["job_id"].get<int>());
          return job && job->state == drivers::ipp::IppJobState::canceled;
        },
        30s));
  }
}
