// The kiosk's A4 statement service (kiosk/app A4Statements) against Debian's ippeveprinter:
// the statement laid out, sent through libcups on the service's thread, its progress arriving
// through the app's event queue as the session's printer::A4Job inputs, and the kept job file
// read back with pdfinfo/pdftotext. Faults: paper out, the printer killed mid-job, and a
// cancel (the visit ended) that must stop the job at the printer.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include <fmt/core.h>

#include "drivers/ipp/client.h"
#include "ipp_peer.h"
#include "kiosk/app/event_queue.h"
#include "kiosk/receipts/statement.h"
#include "kiosk/receipts/statement_layout.h"
#include "process.h"
#include "services/a4_statements.h"

namespace ipp = drivers::ipp;
namespace rc = kiosk::receipts;
using kiosk::app::A4Statements;
using kiosk::core::printer::A4Job;
using kiosk::core::printer::A4State;
using namespace std::chrono_literals;

using a4_test::holding_command;
using a4_test::tool;

namespace {

kiosk::app::A4Options quick() {
  kiosk::app::A4Options options;
  options.wait.poll_interval = 100ms;
  options.wait.gone_after = 2s;
  options.wait.give_up_after = 3s;
  options.wait.overall = 60s;
  return options;
}

// The app's event queue, and every A4Job that came through it.
struct Inbox {
  kiosk::app::EventQueue queue{[] {}};
  std::vector<A4Job> jobs;

  void drain() {
    for (auto& input : queue.drain()) {
      auto* printer = std::get_if<kiosk::core::PrinterInput>(&input);
      REQUIRE(printer);
      auto* job = std::get_if<A4Job>(printer);
      REQUIRE(job);
      jobs.push_back(*job);
    }
  }
  // Waits for the job's final report.
  bool wait_final(std::chrono::seconds limit = 40s) {
    return a4_test::wait_until(
        [&] {
          drain();
          return !jobs.empty() && jobs.back().final;
        },
        limit);
  }
  bool wait_state(A4State state, std::chrono::seconds limit = 20s) {
    return a4_test::wait_until(
        [&] {
          drain();
          return std::any_of(jobs.begin(), jobs.end(),
                             [&](const A4Job& j) { return j.state == state; });
        },
        limit);
  }
};

rc::Statement statement_with(std::size_t records, kiosk::core::StatementMask mask) {
  rc::Statement statement = rc::sample_statement(records);
  statement.mask = mask;
  statement.verification_number = "ST-7K3M-9QXZ-4T2W-HB6R";
  return statement;
}

}  // namespace

TEST_CASE("the A4 service prints a statement on ippeveprinter and reports it through the queue") {
  a4_test::IppPeer printer;
  Inbox inbox;
  auto service = A4Statements::open(printer.uri(), inbox.queue, quick());
  REQUIRE(service);
  const auto layout =
      rc::lay_out_statement(statement_with(40, kiosk::core::StatementMask::id_only));
  REQUIRE(layout);
  const std::size_t pages = layout->pages.size();
  REQUIRE(pages >= 2);
  auto job = (*service)->print(statement_with(40, kiosk::core::StatementMask::id_only));
  REQUIRE(job);
  CHECK(*job == 1);
  REQUIRE(inbox.wait_final());
  INFO(printer.log());
  // Every report is this job's; the last says done, and only the last is final.
  for (const auto& report : inbox.jobs) CHECK(report.job == *job);
  CHECK(inbox.jobs.back().state == A4State::done);
  CHECK(std::count_if(inbox.jobs.begin(), inbox.jobs.end(),
                      [](const A4Job& j) { return j.final; }) == 1);
  CHECK(inbox.jobs.front().state == A4State::waiting);
  CHECK_FALSE((*service)->busy());

  auto kept = printer.kept();
  REQUIRE(kept.size() == 1);
  const std::string info = tool({"pdfinfo", kept[0].string()});
  CHECK(info.find(fmt::format("Pages:           {}\n", pages)) != std::string::npos);
  CHECK(info.find("(A4)") != std::string::npos);
  const std::string text = tool({"pdftotext", "-layout", kept[0].string(), "-"});
  CHECK(text.find("医疗费用个人承担证明单") != std::string::npos);
  CHECK(text.find("ST-7K3M-9QXZ-4T2W-HB6R") != std::string::npos);
  // [statement] mask = "id_only": the full name, the ID number still masked.
  CHECK(text.find("张三丰") != std::string::npos);
  CHECK(text.find("110101********1234") != std::string::npos);
  CHECK(text.find("110101199003071234") == std::string::npos);

  // The next statement gets the next number and prints masked by default.
  auto second = (*service)->print(statement_with(3, kiosk::core::StatementMask::name_and_id));
  REQUIRE(second);
  CHECK(*second == 2);
  inbox.jobs.clear();
  REQUIRE(inbox.wait_final());
  CHECK(inbox.jobs.back().state == A4State::done);
  REQUIRE(printer.kept().size() == 2);
  const std::string masked = tool({"pdftotext", printer.kept()[1].string(), "-"});
  CHECK(masked.find("张**") != std::string::npos);
  CHECK(masked.find("张三丰") == std::string::npos);
}

TEST_CASE("cancelling the A4 service's job (the visit ended) cancels it at the printer") {
  kiosk::testing::TempDir scripts("kiosk-a4-cmd");
  a4_test::IppPeer printer({.command = holding_command(scripts.path(), "")});
  Inbox inbox;
  auto service = A4Statements::open(printer.uri(), inbox.queue, quick());
  REQUIRE(service);
  auto job = (*service)->print(statement_with(3, kiosk::core::StatementMask::name_and_id));
  REQUIRE(job);
  REQUIRE(inbox.wait_state(A4State::printing));
  // A second statement while one prints is refused, not queued behind it.
  auto second = (*service)->print(statement_with(3, kiosk::core::StatementMask::name_and_id));
  REQUIRE_FALSE(second);
  CHECK(second.error().find("still busy") != std::string::npos);
  (*service)->cancel(*job + 1);  // another job's number: nothing happens
  (*service)->cancel(*job);
  REQUIRE(inbox.wait_final());
  INFO(printer.log());
  CHECK(inbox.jobs.back().state == A4State::canceled);
  // At the printer: the first job of a fresh ippeveprinter is job 1.
  auto client = ipp::Client::open(printer.uri());
  REQUIRE(client);
  CHECK(a4_test::wait_until(
      [&] {
        auto state = client->job(1);
        return state && state->state == ipp::IppJobState::canceled;
      },
      15s));
}

TEST_CASE("A4 out of paper is reported while the job waits, then given up and cancelled") {
  kiosk::testing::TempDir scripts("kiosk-a4-cmd");
  a4_test::IppPeer printer({.command = holding_command(scripts.path(), "media-empty-error")});
  Inbox inbox;
  auto service = A4Statements::open(printer.uri(), inbox.queue, quick());
  REQUIRE(service);
  REQUIRE((*service)->print(statement_with(3, kiosk::core::StatementMask::name_and_id)));
  REQUIRE(inbox.wait_final());
  INFO(printer.log());
  CHECK(std::any_of(inbox.jobs.begin(), inbox.jobs.end(),
                    [](const A4Job& j) { return j.state == A4State::paper_out && !j.final; }));
  CHECK(inbox.jobs.back().state == A4State::paper_out);
  CHECK(inbox.jobs.back().final);
}

TEST_CASE("the A4 printer killed mid-job is reported as gone") {
  kiosk::testing::TempDir scripts("kiosk-a4-cmd");
  a4_test::IppPeer printer({.command = holding_command(scripts.path(), "")});
  Inbox inbox;
  auto service = A4Statements::open(printer.uri(), inbox.queue, quick());
  REQUIRE(service);
  REQUIRE((*service)->print(statement_with(3, kiosk::core::StatementMask::name_and_id)));
  REQUIRE(inbox.wait_state(A4State::printing));
  printer.kill_now();
  REQUIRE(inbox.wait_final());
  CHECK(inbox.jobs.back().state == A4State::printer_gone);
}

TEST_CASE("an A4 printer that is not there: the statement fails as printer gone, at once") {
  Inbox inbox;
  auto service = A4Statements::open(
      fmt::format("ipp://127.0.0.1:{}/ipp/print", a4_test::free_port()), inbox.queue, quick());
  REQUIRE(service);
  REQUIRE((*service)->print(statement_with(3, kiosk::core::StatementMask::name_and_id)));
  REQUIRE(inbox.wait_final(20s));
  CHECK(inbox.jobs.size() == 1);
  CHECK(inbox.jobs.back().state == A4State::printer_gone);
}
