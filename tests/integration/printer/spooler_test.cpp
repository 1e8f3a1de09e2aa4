// The real spooler and transports against the virtual printer over TCP: paper out, cover
// open, near end, no reply, and a printer that stops answering in the middle of a job.
#include <catch2/catch.hpp>

#include <filesystem>
#include <mutex>

#include "drivers/printer/encoder.h"
#include "drivers/printer/spooler.h"
#include "drivers/printer/virtual_printer.h"
#include "kiosk/receipts/claim_receipt.h"
#include "temp_dir.h"
#include "wait_until.h"

using namespace drivers::printer;
using kiosk::testing::wait_until;
using namespace std::chrono_literals;

namespace {

// The virtual printer writing into a folder of its own, removed after the test.
class TestPrinter {
 public:
  TestPrinter(const std::string& name, PrinterState state) : m_dir("kiosk-printer-it-" + name) {
    auto printer = VirtualPrinter::start({.out_dir = m_dir.path() / "receipts", .state = state});
    REQUIRE(printer);
    m_printer = std::move(*printer);
  }
  VirtualPrinter* operator->() const { return m_printer.get(); }

 private:
  kiosk::testing::TempDir m_dir;
  std::unique_ptr<VirtualPrinter> m_printer;  // stops before the folder goes
};

TestPrinter start_printer(const std::string& name, PrinterState state = {}) {
  return TestPrinter(name, state);
}

std::vector<std::uint8_t> receipt_bytes() {
  auto encoded =
      encode(kiosk::receipts::claim_receipt(kiosk::receipts::sample_claim()), generic_80mm());
  REQUIRE(encoded);
  return encoded->bytes;
}

SpoolerOptions fast(const std::string& uri) {
  return {.uri = uri,
          .status_timeout = 200ms,
          .job_timeout = 1500ms,
          .attempts = 2,
          .retry_delay = 50ms,
          .idle_poll = 0ms};
}

struct Recorder {
  std::mutex mutex;
  std::vector<SpoolerEvent> events;
  SpoolerCallback callback() {
    return [this](const SpoolerEvent& e) {
      std::lock_guard lock(mutex);
      events.push_back(e);
    };
  }
  std::vector<SpoolerEvent::Kind> kinds() {
    std::lock_guard lock(mutex);
    std::vector<SpoolerEvent::Kind> out;
    for (const auto& e : events) out.push_back(e.kind);
    return out;
  }
  bool has(SpoolerEvent::Kind kind) {
    auto k = kinds();
    return std::find(k.begin(), k.end(), kind) != k.end();
  }
};

}  // namespace

TEST_CASE("a receipt prints on the virtual printer and becomes a PNG") {
  auto printer = start_printer("ok");
  Recorder recorder;
  auto result = print_job(fast(printer->uri()), receipt_bytes(), 7, recorder.callback());
  CHECK(result.outcome == JobResult::Outcome::done);
  CHECK(result.status.online);
  REQUIRE(printer->wait_for_pages(1, 20s));
  auto pages = printer->pages();
  CHECK(std::filesystem::file_size(pages[0]) > 1000);
  CHECK(pages[0].filename() == "receipt-000001.png");
  using K = SpoolerEvent::Kind;
  CHECK(recorder.kinds() == std::vector<K>{K::status, K::job_started, K::job_done});
  CHECK(recorder.events.back().job == 7);
}

TEST_CASE("paper out: the job is refused with the reason and nothing prints") {
  auto printer = start_printer("paper-out", {.paper = Paper::out});
  Recorder recorder;
  auto result = print_job(fast(printer->uri()), receipt_bytes(), 1, recorder.callback());
  CHECK(result.outcome == JobResult::Outcome::refused);
  CHECK(result.message.find("out of paper") != std::string::npos);
  CHECK(result.status.paper == Paper::out);
  CHECK(recorder.has(SpoolerEvent::Kind::job_refused));
  CHECK_FALSE(recorder.has(SpoolerEvent::Kind::job_started));
  CHECK_FALSE(printer->wait_for_pages(1, 200ms));
}

TEST_CASE("cover open: the job is refused with the reason") {
  auto printer = start_printer("cover", {.cover_open = true});
  auto result = print_job(fast(printer->uri()), receipt_bytes());
  CHECK(result.outcome == JobResult::Outcome::refused);
  CHECK(result.message.find("cover is open") != std::string::npos);
  CHECK(result.status.cover_open);
  CHECK_FALSE(result.status.online);
}

TEST_CASE("paper near end is a warning: the job still prints") {
  auto printer = start_printer("near-end", {.paper = Paper::near_end});
  Recorder recorder;
  auto result = print_job(fast(printer->uri()), receipt_bytes(), 2, recorder.callback());
  CHECK(result.outcome == JobResult::Outcome::done);
  CHECK(result.status.paper == Paper::near_end);
  CHECK(recorder.has(SpoolerEvent::Kind::warning));
  CHECK(printer->wait_for_pages(1, 20s));
}

TEST_CASE("a printer that never replies: the job fails within its deadline, nothing is sent") {
  auto printer = start_printer("silent");
  printer->stop_answering_after(0);
  auto start = Clock::now();
  auto result = print_job(fast(printer->uri()), receipt_bytes());
  auto took = Clock::now() - start;
  CHECK(result.outcome == JobResult::Outcome::failed);
  CHECK_FALSE(result.status.replied);
  CHECK(result.message.find("did not answer") != std::string::npos);
  CHECK(result.attempts == 2);
  // Not hung: the deadlines add up to about 1 s; the rest is room for a loaded machine.
  CHECK(took < 15s);
}

TEST_CASE("a printer that stops answering mid-job: failed at the deadline, not hung") {
  auto printer = start_printer("hang");
  printer->stop_answering_after(200);  // the status queries pass, the job stalls
  auto start = Clock::now();
  auto result = print_job(fast(printer->uri()), receipt_bytes());
  auto took = Clock::now() - start;
  CHECK(result.outcome == JobResult::Outcome::failed);
  CHECK(result.message.find("stopped answering") != std::string::npos);
  CHECK(result.attempts == 1);  // a job that was sent is not repeated
  CHECK(took >= 1400ms);
  CHECK(took < 15s);  // the 1.5 s job deadline, with room for a loaded machine
}

TEST_CASE("a printer that is not there: failed after the attempts with the connect error") {
  auto printer = start_printer("gone");
  std::string uri = printer->uri();
  printer->stop();
  auto result = print_job(fast(uri), receipt_bytes());
  CHECK(result.outcome == JobResult::Outcome::failed);
  CHECK(result.message.find("cannot connect") != std::string::npos);
}

TEST_CASE("read_status reports the virtual printer's state") {
  auto printer = start_printer("status");
  auto ok = read_status(fast(printer->uri()));
  REQUIRE(ok);
  CHECK(ok->online);
  CHECK(ok->paper == Paper::ok);
  printer->set_state({.paper = Paper::near_end});
  CHECK(read_status(fast(printer->uri()))->paper == Paper::near_end);
  printer->set_state({.cutter_error = true});
  auto cutter = read_status(fast(printer->uri()));
  CHECK(cutter->cutter_error);
  CHECK(cutter->error_text() == "cutter error");
  printer->set_state({.offline = true});
  CHECK_FALSE(read_status(fast(printer->uri()))->online);
}

TEST_CASE("the spooler thread prints queued jobs and reports status changes once") {
  auto printer = start_printer("spooler");
  Recorder recorder;
  {
    Spooler spooler(fast(printer->uri()), recorder.callback());
    auto first = spooler.submit(receipt_bytes());
    auto second = spooler.submit(receipt_bytes());
    CHECK(second == first + 1);
    REQUIRE(printer->wait_for_pages(2, 20s));
    printer->set_state({.paper = Paper::out});
    spooler.submit(receipt_bytes());
    CHECK(wait_until([&] { return recorder.has(SpoolerEvent::Kind::job_refused); }));
    CHECK(spooler.last_status().paper == Paper::out);
  }
  using K = SpoolerEvent::Kind;
  // One status event for "ok" (not repeated for the second job), one for "paper out".
  CHECK(recorder.kinds() == std::vector<K>{K::status, K::job_started, K::job_done, K::job_started,
                                           K::job_done, K::status, K::job_refused});
  CHECK(printer->pages().size() == 2);
}

TEST_CASE("bytes sent while the printer cannot print are not printed") {
  auto printer = start_printer("blind", {.cover_open = true});
  auto transport = open_transport(printer->uri(), deadline_in(1s));
  REQUIRE(transport);
  std::vector<std::uint8_t> bytes{'A', '\n', 0x1D, 0x56, 0x00};
  REQUIRE((*transport)->write(bytes, deadline_in(1s)));
  transport->reset();
  CHECK(wait_until([&] { return !printer->warnings().empty(); }));
  CHECK(printer->pages().empty());
  REQUIRE_FALSE(printer->warnings().empty());
  CHECK(printer->warnings()[0].find("not printed") != std::string::npos);
}

TEST_CASE(
    "paper runs out mid-job: failed with paper out, nothing reported printed, retried after a "
    "refill") {
  auto printer = start_printer("paper-end");
  auto job = receipt_bytes();
  REQUIRE(job.size() > 1200);
  printer->run_out_of_paper_after(job.size() / 2);
  Recorder recorder;
  {
    Spooler spooler(fast(printer->uri()), recorder.callback());
    auto first = spooler.submit(job);
    REQUIRE(wait_until([&] { return recorder.has(SpoolerEvent::Kind::job_failed); }));
    {
      std::lock_guard lock(recorder.mutex);
      const SpoolerEvent& failed = recorder.events.back();
      CHECK(failed.kind == SpoolerEvent::Kind::job_failed);
      CHECK(failed.job == first);
      CHECK(failed.status.paper == Paper::out);
      CHECK(failed.message.find("out of paper") != std::string::npos);
    }
    CHECK_FALSE(recorder.has(SpoolerEvent::Kind::job_done));
    CHECK(printer->pages().empty());
    CHECK(printer->state().paper == Paper::out);
    auto warnings = printer->warnings();
    REQUIRE_FALSE(warnings.empty());
    CHECK(warnings[0].find("paper ran out") != std::string::npos);

    // While the paper is out the same job is refused, not printed.
    spooler.submit(job);
    REQUIRE(wait_until([&] { return recorder.has(SpoolerEvent::Kind::job_refused); }));
    CHECK(printer->pages().empty());

    printer->set_state({});  // a new roll
    auto retried = spooler.submit(job);
    REQUIRE(printer->wait_for_pages(1, 20s));
    REQUIRE(wait_until([&] { return recorder.has(SpoolerEvent::Kind::job_done); }));
    std::lock_guard lock(recorder.mutex);
    CHECK(recorder.events.back().kind == SpoolerEvent::Kind::job_done);
    CHECK(recorder.events.back().job == retried);
  }
  using K = SpoolerEvent::Kind;
  CHECK(recorder.kinds() == std::vector<K>{K::status, K::job_started, K::status, K::job_failed,
                                           K::job_refused, K::status, K::job_started, K::job_done});
  CHECK(printer->pages().size() == 1);
}

TEST_CASE(
    "paper runs out mid-job on a printer that still answers GS r: failed, not reported done") {
  auto printer = start_printer("paper-end-gs-r");
  auto job = receipt_bytes();
  printer->run_out_of_paper_after(job.size() / 2, VirtualPrinter::AtPaperEnd::keeps_answering);
  Recorder recorder;
  auto result = print_job(fast(printer->uri()), job, 5, recorder.callback());
  CHECK(result.outcome == JobResult::Outcome::failed);
  CHECK(result.status.paper == Paper::out);
  CHECK(result.message.find("paper end") != std::string::npos);
  CHECK(result.message.find("out of paper") != std::string::npos);
  CHECK(result.attempts == 1);  // a job that was partly printed is not sent again by itself
  CHECK_FALSE(recorder.has(SpoolerEvent::Kind::job_done));
  CHECK(recorder.has(SpoolerEvent::Kind::job_failed));
  CHECK(printer->pages().empty());

  printer->set_state({});
  auto again = print_job(fast(printer->uri()), job, 6, recorder.callback());
  CHECK(again.outcome == JobResult::Outcome::done);
  CHECK(printer->wait_for_pages(1, 20s));
  CHECK(printer->pages().size() == 1);
}

TEST_CASE("paper running out mid-job is reported while the job runs, not at its deadline") {
  auto printer = start_printer("paper-end-early");
  auto job = receipt_bytes();
  printer->run_out_of_paper_after(job.size() / 2);
  SpoolerOptions options = fast(printer->uri());
  options.job_timeout = 60s;  // a printer that stopped must not hold the worker this long
  auto start = Clock::now();
  auto result = print_job(options, job);
  auto took = Clock::now() - start;
  CHECK(result.outcome == JobResult::Outcome::failed);
  CHECK(result.message.find("stopped during the job") != std::string::npos);
  CHECK(result.message.find("out of paper") != std::string::npos);
  CHECK(took < 30s);  // half the job deadline: the status polls (every 200 ms) found it
  CHECK(printer->pages().empty());
}
