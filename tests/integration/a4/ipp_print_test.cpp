// The A4 statement printed with drivers::ipp (libcups) to Debian's ippeveprinter, and the
// kept job file read back with poppler-utils (pdfinfo, pdftotext, pdftoppm) and zbarimg.
// Faults: a printer that reports media-empty while it holds the job, and one killed mid-job.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <thread>

#include <fmt/core.h>
#include <httplib.h>

#include "drivers/ipp/client.h"
#include "ipp_peer.h"
#include "kiosk/core/money.h"
#include "kiosk/receipts/statement.h"
#include "kiosk/receipts/statement_layout.h"
#include "process.h"

namespace ipp = drivers::ipp;
namespace rc = kiosk::receipts;
using kiosk::testing::run_process;
using namespace std::chrono_literals;

using a4_test::holding_command;
using a4_test::tool;

namespace {

// The smallest sample statement that lays out on `pages` pages.
rc::Statement statement_of(std::size_t pages) {
  for (std::size_t n = 10;; n += 2) {
    rc::Statement s = rc::sample_statement(n);
    auto layout = rc::lay_out_statement(s);
    REQUIRE(layout);
    if (layout->pages.size() == pages) return s;
    REQUIRE(layout->pages.size() < pages);
  }
}

// Whether the printer marks the job canceled (after its print command has finished).
bool ends_cancelled(const ipp::Client& client, int job_id) {
  return a4_test::wait_until(
      [&] {
        auto job = client.job(job_id);
        return job && job->state == ipp::IppJobState::canceled;
      },
      15s);
}

// ippeveprinter's /media web form: the sheets left in the main tray (0 empties it).
void set_tray_level(const a4_test::IppPeer& printer, int sheets) {
  httplib::Client web("127.0.0.1", printer.port());
  auto reply =
      web.Get(fmt::format("/media?size1=iso_a4_210x297mm&type1=stationery&level1={}", sheets));
  REQUIRE(reply);
  REQUIRE(reply->status == 200);
}

ipp::WaitOptions quick() {
  return {.poll_interval = 100ms, .gone_after = 1500ms, .give_up_after = 1500ms, .overall = 60s};
}

}  // namespace

TEST_CASE("a 3-page statement printed to ippeveprinter arrives whole, readable and verifiable") {
  a4_test::IppPeer printer;
  rc::Statement statement = statement_of(3);
  auto pdf = rc::render_statement_pdf(statement);
  REQUIRE(pdf);

  auto client = ipp::Client::open(printer.uri());
  REQUIRE(client);
  std::vector<ipp::JobStatus> seen;
  auto result = ipp::print_and_wait(
      *client, *pdf, {.name = "statement", .format = "application/pdf", .media = ""}, quick(),
      [&](const ipp::JobProgress& p) { seen.push_back(p.status); });
  INFO(result.message << "\n" << printer.log());
  REQUIRE(result.status == ipp::JobStatus::done);
  CHECK(result.final);
  CHECK(result.job_id > 0);
  CHECK(seen.front() == ipp::JobStatus::pending);
  CHECK(seen.back() == ipp::JobStatus::done);

  auto kept = printer.kept();
  REQUIRE(kept.size() == 1);
  CHECK(std::filesystem::file_size(kept[0]) == pdf->size());
  // The kept job and its first page stay under the build folder for people to look at.
  const auto shown = std::filesystem::path(KIOSK_BINARY_DIR) / "a4-statement";
  std::filesystem::create_directories(shown);
  std::filesystem::copy_file(kept[0], shown / "kept-job.pdf",
                             std::filesystem::copy_options::overwrite_existing);
  tool({"pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", kept[0].string(),
        (shown / "kept-job-page-1").string()});

  std::string info = tool({"pdfinfo", kept[0].string()});
  CHECK(info.find("Pages:           3\n") != std::string::npos);
  CHECK(info.find("595.276 x 841.89 pts (A4)") != std::string::npos);

  std::string text = tool({"pdftotext", "-layout", kept[0].string(), "-"});
  CHECK(text.find("医疗费用个人承担证明单") != std::string::npos);
  CHECK(text.find(statement.center_name) != std::string::npos);
  CHECK(text.find("张**") != std::string::npos);
  CHECK(text.find("110101********1234") != std::string::npos);
  CHECK(text.find("张三丰") == std::string::npos);
  CHECK(text.find("110101199003071234") == std::string::npos);
  // pdftotext drops the narrow spaces between Chinese and digits.
  std::string compact;
  std::copy_if(text.begin(), text.end(), std::back_inserter(compact),
               [](char c) { return c != ' '; });
  for (int page = 1; page <= 3; ++page) {
    CHECK(compact.find(fmt::format("第{}页共3页", page)) != std::string::npos);
  }
  // Every record: a line with its first date and its three amounts.
  std::vector<std::string> lines;
  for (std::size_t at = 0, next; at < text.size(); at = next + 1) {
    next = text.find('\n', at);
    if (next == std::string::npos) next = text.size();
    lines.push_back(text.substr(at, next - at));
  }
  for (const auto& bill : statement.records) {
    const std::string date = kiosk::core::format_date(bill.admitted);
    const std::string total = rc::format_statement_yuan(bill.total_fen);
    const std::string fund = rc::format_statement_yuan(bill.fund_paid_fen);
    const std::string personal = rc::format_statement_yuan(kiosk::core::personal_total(bill));
    bool found = std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
      return l.find(date) != std::string::npos && l.find(total) != std::string::npos &&
             l.find(fund) != std::string::npos && l.find(personal) != std::string::npos;
    });
    INFO("record " << bill.id << " " << date << " " << total);
    CHECK(found);
  }
  auto totals = rc::statement_totals(statement.records);
  REQUIRE(totals);
  CHECK(compact.find(fmt::format("合计（共{}笔）", statement.records.size())) != std::string::npos);
  CHECK(text.find(rc::format_statement_yuan(totals->total_fen)) != std::string::npos);
  CHECK(text.find(rc::format_statement_yuan(totals->fund_paid_fen)) != std::string::npos);
  CHECK(text.find("个人负担合计：" + rc::format_statement_yuan(totals->personal_fen)) !=
        std::string::npos);
  CHECK(text.find(statement.verification_number) != std::string::npos);

  // The QR on the last page, as a scanner sees it at 150 dpi.
  auto png_base = printer.dir() / "last";
  tool({"pdftoppm", "-png", "-r", "150", "-f", "3", "-l", "3", "-singlefile", kept[0].string(),
        png_base.string()});
  std::string qr = tool({"zbarimg", "--raw", "-q", png_base.string() + ".png"});
  CHECK(qr == rc::statement_qr_payload(statement) + "\n");
}

TEST_CASE("a printer that reports media-empty while holding the job gives a paper-out error") {
  kiosk::testing::TempDir scripts("kiosk-a4-cmd");
  a4_test::IppPeer printer({.command = holding_command(scripts.path(), "media-empty-error")});
  auto pdf = rc::render_statement_pdf(rc::sample_statement(3));
  REQUIRE(pdf);
  auto client = ipp::Client::open(printer.uri());
  REQUIRE(client);
  bool saw_waiting = false;
  auto result = ipp::print_and_wait(*client, *pdf, {}, quick(), [&](const ipp::JobProgress& p) {
    if (p.status == ipp::JobStatus::paper_out && !p.final) saw_waiting = true;
  });
  INFO(result.message << "\n" << printer.log());
  CHECK(saw_waiting);
  REQUIRE(result.status == ipp::JobStatus::paper_out);
  CHECK(result.final);
  CHECK(result.message.find("out of paper") != std::string::npos);
  CHECK(result.message.find("cancelled the job") != std::string::npos);
  CHECK(ipp::has_reason(result.printer, "media-empty"));
  // Given up means cancelled at the printer: it cannot print later, after the person left.
  CHECK(ends_cancelled(*client, result.job_id));
}

TEST_CASE("a printer killed in the middle of a job gives a printer-gone error") {
  kiosk::testing::TempDir scripts("kiosk-a4-cmd");
  a4_test::IppPeer printer({.command = holding_command(scripts.path(), "")});
  auto pdf = rc::render_statement_pdf(rc::sample_statement(3));
  REQUIRE(pdf);
  auto client = ipp::Client::open(printer.uri());
  REQUIRE(client);
  std::atomic<bool> processing = false;
  ipp::JobProgress result;
  std::thread printing([&] {
    result = ipp::print_and_wait(*client, *pdf, {}, quick(), [&](const ipp::JobProgress& p) {
      if (p.status == ipp::JobStatus::processing) processing = true;
    });
  });
  bool started = a4_test::wait_until([&] { return processing.load(); }, 20s);
  printer.kill_now();
  printing.join();
  REQUIRE(started);
  INFO(result.message);
  CHECK(result.status == ipp::JobStatus::printer_gone);
  CHECK(result.final);
  CHECK(result.message.find(printer.uri()) != std::string::npos);
  CHECK(result.message.find("stopped answering") != std::string::npos);
}

TEST_CASE("the printer's state and reasons are read, and a stop request cancels the job") {
  kiosk::testing::TempDir scripts("kiosk-a4-cmd");
  a4_test::IppPeer printer({.command = holding_command(scripts.path(), "")});
  auto client = ipp::Client::open(printer.uri());
  REQUIRE(client);
  auto idle = client->status();
  REQUIRE(idle);
  CHECK(idle->state == ipp::PrinterState::idle);
  CHECK(idle->reasons.empty());
  CHECK(idle->accepting_jobs);

  auto pdf = rc::render_statement_pdf(rc::sample_statement(1));
  REQUIRE(pdf);
  std::stop_source stop;
  ipp::JobProgress result;
  std::thread printing([&] {
    result = ipp::print_and_wait(
        *client, *pdf, {}, quick(),
        [&](const ipp::JobProgress& p) {
          if (p.status == ipp::JobStatus::processing) stop.request_stop();
        },
        stop.get_token());
  });
  printing.join();
  CHECK(result.status == ipp::JobStatus::canceled);
  CHECK(ends_cancelled(*client, result.job_id));
}

TEST_CASE("a printer that is not there is reported as unreachable, not as a refusal") {
  auto client = ipp::Client::open(fmt::format("ipp://127.0.0.1:{}/ipp/print", a4_test::free_port()),
                                  {.connect_timeout = 1000ms});
  REQUIRE(client);
  auto status = client->status();
  REQUIRE_FALSE(status);
  CHECK(status.error().kind == ipp::Error::Kind::unreachable);
  std::vector<std::uint8_t> pdf{'%', 'P', 'D', 'F'};
  auto result = ipp::print_and_wait(*client, pdf, {}, quick());
  CHECK(result.status == ipp::JobStatus::printer_gone);
  CHECK(result.final);
}

TEST_CASE("a tray emptied through the printer's /media form holds the job as paper out") {
  a4_test::IppPeer printer;
  set_tray_level(printer, 0);
  auto client = ipp::Client::open(printer.uri());
  REQUIRE(client);
  auto idle = client->status();
  REQUIRE(idle);
  // Idle, the printer only reports it; the job is what it holds.
  CHECK(idle->reasons == std::vector<std::string>{"media-empty-report"});
  CHECK_FALSE(ipp::has_reason(*idle, "media-empty"));

  auto pdf = rc::render_statement_pdf(rc::sample_statement(1));
  REQUIRE(pdf);
  int waiting_reports = 0;
  auto result = ipp::print_and_wait(*client, *pdf, {}, quick(), [&](const ipp::JobProgress& p) {
    if (p.status == ipp::JobStatus::paper_out && !p.final) ++waiting_reports;
  });
  INFO(result.message << "\n" << printer.log());
  CHECK(waiting_reports == 1);  // reported once, not at every poll
  CHECK(result.status == ipp::JobStatus::paper_out);
  CHECK(result.final);
  CHECK(result.message.find("out of paper") != std::string::npos);
  // Our Cancel-Job was taken: ippeveprinter 2.4.2 keeps a job that waits for paper in
  // processing-to-stop-point (it never leaves its wait loop), a real printer cancels it.
  auto job = client->job(result.job_id);
  REQUIRE(job);
  CHECK(std::ranges::count(job->reasons, "processing-to-stop-point") == 1);
  CHECK(printer.kept().size() == 1);  // spooled, never printed
}

TEST_CASE("a CUPS queue name goes through the local CUPS server, whose absence is reported") {
  kiosk::testing::TempDir dir("kiosk-a4-cups");
  // libcups reads CUPS_SERVER once per process; each test case runs in its own process.
  const char* previous = std::getenv("CUPS_SERVER");
  std::optional<std::string> saved = previous ? std::optional<std::string>(previous) : std::nullopt;
  ::setenv("CUPS_SERVER", (dir.path() / "no-cupsd.sock").c_str(), 1);
  auto client = ipp::Client::open("Office_A4");
  REQUIRE(client);
  CHECK(client->target().kind == ipp::Target::Kind::cups_queue);
  auto status = client->status();
  if (saved) {
    ::setenv("CUPS_SERVER", saved->c_str(), 1);
  } else {
    ::unsetenv("CUPS_SERVER");
  }
  REQUIRE_FALSE(status);
  CHECK(status.error().kind == ipp::Error::Kind::unreachable);
  CHECK(status.error().message.find("CUPS queue Office_A4") != std::string::npos);
}

TEST_CASE("a job that does not finish in the time allowed is cancelled and reported as timed out") {
  kiosk::testing::TempDir scripts("kiosk-a4-cmd");
  a4_test::IppPeer printer({.command = holding_command(scripts.path(), "")});
  auto client = ipp::Client::open(printer.uri());
  REQUIRE(client);
  auto pdf = rc::render_statement_pdf(rc::sample_statement(1));
  REQUIRE(pdf);
  ipp::WaitOptions wait = quick();
  wait.overall = 1s;
  auto result = ipp::print_and_wait(*client, *pdf, {}, wait);
  INFO(result.message);
  CHECK(result.status == ipp::JobStatus::timed_out);
  CHECK(result.final);
  CHECK(result.message.find("time allowed") != std::string::npos);
  CHECK(ends_cancelled(*client, result.job_id));
}

TEST_CASE("a document the printer does not take is refused with the printer's reason") {
  a4_test::IppPeer printer;
  auto client = ipp::Client::open(printer.uri());
  REQUIRE(client);
  std::vector<std::uint8_t> text{'h', 'i', '\n'};
  auto result = ipp::print_and_wait(
      *client, text, {.name = "note", .format = "text/x-unknown", .media = ""}, quick());
  INFO(result.message);
  CHECK(result.status == ipp::JobStatus::refused);
  CHECK(result.final);
  CHECK(result.job_id == 0);
  CHECK(result.message.find("refused the print job") != std::string::npos);
  CHECK(result.message.find("text/x-unknown") != std::string::npos);
  CHECK(printer.kept().empty());
}
