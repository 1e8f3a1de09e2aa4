// kioskctl a4: render the A4 statement (医疗费用个人承担证明单) to a PDF, print a PDF on an
// IPP printer and follow the job, read an IPP printer's state (issue 14).
#include <pthread.h>
#include <signal.h>

#include <ctime>
#include <fstream>
#include <iterator>
#include <stop_token>
#include <thread>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "args.h"
#include "drivers/ipp/client.h"
#include "kiosk/receipts/statement.h"
#include "registry.h"

namespace kiosk::ctl {
namespace {

namespace ipp = drivers::ipp;

constexpr int kExitNotPrinted = 3;  // refused, or blocked (paper, jam, cover, stopped) and given up
constexpr int kExitNoReply = 4;     // the printer does not answer

constexpr const char* kHelp = R"(usage:
  kioskctl a4 render OUT.pdf [--records N] [--number VERIFICATION-NUMBER]
  kioskctl a4 print --printer URI|QUEUE FILE [--media KEYWORD] [--give-up-s N] [--name JOB-NAME]
  kioskctl a4 status --printer URI|QUEUE
printers: ipp://host:port/ipp/print, ipps://..., or a queue name of the local CUPS server
render writes a sample statement (N records, default 3) with the person masked.
print sends the file as application/pdf and prints one JSON line per change of the job:
  {"job_id","status","final","pages_done","printer_state","printer_reasons","message"}
  Ctrl-C or SIGTERM cancels the job on the printer and exits 3.
status prints {"printer","state","reasons","message","accepting_jobs","error"} as JSON
  (error: null when the printer answered, else why not).
exit codes: 0 ok, 1 failed, 2 usage, 3 not printed (refused, paper out, jammed, cover open,
            stopped, cancelled), 4 the printer does not answer
)";

nlohmann::json reasons_json(const std::vector<std::string>& reasons) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : reasons) list.push_back(r);
  return list;
}

int render(const ParsedArgs& args) {
  if (args.positionals.size() != 2) return usage_error("a4 render needs OUT.pdf");
  auto records = args.get_int("--records", 1, 10'000);
  if (!records) return usage_error(records.error());
  receipts::Statement statement =
      receipts::sample_statement(static_cast<std::size_t>(records->value_or(3)));
  if (auto number = args.get("--number")) statement.verification_number = *number;
  auto written = receipts::write_statement_pdf(statement, args.positionals[1]);
  if (!written) {
    fmt::print(stderr, "kioskctl a4 render: {}\n", written.error().message);
    return written.error().kind == receipts::StatementError::Kind::invalid ? kExitUsage
                                                                           : kExitFailure;
  }
  fmt::print("{}\n", args.positionals[1]);
  return kExitOk;
}

std::expected<ipp::Client, int> client_from(const ParsedArgs& args, std::string_view command) {
  auto printer = args.get("--printer");
  if (!printer)
    return std::unexpected(usage_error(fmt::format("a4 {} needs --printer URI", command)));
  auto client = ipp::Client::open(*printer);
  if (!client) return std::unexpected(usage_error(client.error().message));
  return *client;
}

int status(const ParsedArgs& args) {
  auto client = client_from(args, "status");
  if (!client) return client.error();
  // The same keys whether the printer answered or not, so that a script reads one shape.
  auto s = client->status();
  ipp::PrinterStatus answered;
  if (s) {
    answered = *s;
  } else {
    answered.accepting_jobs = false;
  }
  nlohmann::ordered_json out;
  out["printer"] = client->target().display;
  out["state"] = std::string(ipp::to_string(answered.state));
  out["reasons"] = reasons_json(answered.reasons);
  out["message"] = answered.message;
  out["accepting_jobs"] = answered.accepting_jobs;
  out["error"] = s ? nlohmann::json(nullptr) : nlohmann::json(s.error().message);
  fmt::print("{}\n", out.dump());
  if (s) return kExitOk;
  return s.error().kind == ipp::Error::Kind::unreachable ? kExitNoReply : kExitFailure;
}

std::expected<std::vector<std::uint8_t>, std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(fmt::format("cannot read {}", path));
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// Ctrl-C or SIGTERM while a job runs cancels it on the printer instead of leaving it behind
// to print after the person has gone. A thread takes the signals with sigwait rather than a
// handler: a handler may only touch async-signal-safe state, and request_stop() is not.
class CancelOnSignal {
 public:
  CancelOnSignal() {
    sigemptyset(&m_signals);
    sigaddset(&m_signals, SIGINT);
    sigaddset(&m_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &m_signals, &m_previous);
    m_waiter = std::jthread([this](std::stop_token done) {
      const timespec slice{0, 100'000'000};  // how soon the thread notices the job is over
      while (!done.stop_requested()) {
        if (sigtimedwait(&m_signals, nullptr, &slice) > 0) {
          m_stop.request_stop();
          return;
        }
      }
    });
  }
  ~CancelOnSignal() {
    m_waiter.request_stop();
    m_waiter.join();
    pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
  }
  CancelOnSignal(const CancelOnSignal&) = delete;
  CancelOnSignal& operator=(const CancelOnSignal&) = delete;

  std::stop_token token() const { return m_stop.get_token(); }

 private:
  sigset_t m_signals{};
  sigset_t m_previous{};
  std::stop_source m_stop;
  std::jthread m_waiter;
};

int print(const ParsedArgs& args) {
  if (args.positionals.size() != 2) return usage_error("a4 print needs --printer URI and FILE");
  auto client = client_from(args, "print");
  if (!client) return client.error();
  auto give_up = args.get_int("--give-up-s", 1, 3600);
  if (!give_up) return usage_error(give_up.error());
  auto document = read_file(args.positionals[1]);
  if (!document) return usage_error(document.error());

  ipp::JobRequest request;
  request.name =
      args.get("--name").value_or(std::filesystem::path(args.positionals[1]).filename().string());
  request.media = args.get("--media").value_or("");
  ipp::WaitOptions wait;
  if (*give_up) wait.give_up_after = std::chrono::seconds(**give_up);

  CancelOnSignal cancel;
  auto result = ipp::print_and_wait(
      *client, *document, request, wait,
      [](const ipp::JobProgress& p) {
        nlohmann::ordered_json line;
        line["job_id"] = p.job_id;
        line["status"] = std::string(ipp::to_string(p.status));
        line["final"] = p.final;
        line["pages_done"] = p.job.pages_done;
        line["printer_state"] = std::string(ipp::to_string(p.printer.state));
        line["printer_reasons"] = reasons_json(p.printer.reasons);
        line["message"] = p.message;
        fmt::print("{}\n", line.dump());
        std::fflush(stdout);
      },
      cancel.token());
  switch (result.status) {
    case ipp::JobStatus::done: return kExitOk;
    case ipp::JobStatus::printer_gone:
      fmt::print(stderr, "kioskctl a4 print: {}\n", result.message);
      return kExitNoReply;
    default:
      fmt::print(stderr, "kioskctl a4 print: not printed: {}\n", result.message);
      return kExitNotPrinted;
  }
}

int run(const Args& raw) {
  if (raw.empty() || raw[0] == "--help" || raw[0] == "-h") {
    fmt::print("{}", kHelp);
    return raw.empty() ? kExitUsage : kExitOk;
  }
  auto args = parse_args(
      raw, {.options = {"--records", "--number", "--printer", "--media", "--give-up-s", "--name"},
            .flags = {"--help"}});
  if (!args) return usage_error(args.error());
  if (args->has("--help")) {
    fmt::print("{}", kHelp);
    return kExitOk;
  }
  const std::string sub = args->positionals.empty() ? std::string() : args->positionals[0];
  if (sub == "render") return render(*args);
  if (sub == "print") return print(*args);
  if (sub == "status") return status(*args);
  return usage_error(fmt::format("unknown a4 subcommand '{}'; see kioskctl a4 --help", sub));
}

}  // namespace

KIOSKCTL_COMMAND(a4, "a4", "A4 statement: render a sample PDF, print on an IPP printer, status",
                 run);

}  // namespace kiosk::ctl
