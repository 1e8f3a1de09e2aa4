// kioskctl printer: render byte streams, read status, print files and test pages, and run
// the virtual printer (issue 4).
#include <signal.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "args.h"
#include "drivers/printer/encoder.h"
#include "drivers/printer/interpreter.h"
#include "drivers/printer/spooler.h"
#include "drivers/printer/virtual_printer.h"
#include "registry.h"

namespace kiosk::ctl {
namespace {

namespace dp = drivers::printer;

constexpr int kExitRefused = 3;
constexpr int kExitNoReply = 4;

constexpr const char* kHelp = R"(usage:
  kioskctl printer render IN.bin OUT.png [--dots 576|512]
  kioskctl printer status --device URI [--timeout-ms N]
  kioskctl printer print --device URI FILE
  kioskctl printer test --device URI
  kioskctl printer sim --listen HOST:PORT --out DIR [--paper ok|near_end|out] [--cover closed|open]
                       [--paper-out-after BYTES [--at-paper-end stops|keeps_answering]]
options for every subcommand: --profile ID (assets/printers/<file>.toml id; --profiles DIR)
sim --paper-out-after: the paper runs out once a connection has sent BYTES bytes (once, in the
  first connection that long; status queries count); the receipt in progress is lost. Then the
  printer stops and answers only DLE EOT (stops, the default) or goes on reading and answers
  GS r with the paper-end bits (keeps_answering). SIGUSR1 puts a new roll in.
devices: usb:/dev/usb/lp0  serial:/dev/ttyUSB0?baud=115200  tcp://host:9100  file:/path
exit codes: 0 ok, 1 failed, 2 usage, 3 printer refused the job (paper out, cover open),
            4 the printer did not reply
)";

std::expected<dp::Profile, std::string> profile_from(const ParsedArgs& args) {
  auto id = args.get("--profile");
  if (!id) return dp::generic_80mm();
  std::filesystem::path folder = "assets/printers";
  if (auto dir = args.get("--profiles")) {
    folder = *dir;
  } else if (const char* source = std::getenv("KIOSK_SOURCE_DIR")) {
    folder = std::filesystem::path(source) / "assets/printers";
  }
  auto profile = dp::find_profile(folder, *id);
  if (!profile) return std::unexpected(profile.error().message);
  return *profile;
}

std::expected<std::vector<std::uint8_t>, std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(fmt::format("cannot read {}", path));
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

nlohmann::json status_json(const dp::Status& s, const std::optional<std::string>& error) {
  nlohmann::json j;
  j["online"] = s.replied && s.online;
  j["paper"] = std::string(dp::to_string(s.replied ? s.paper : dp::Paper::unknown));
  j["cover_open"] = s.cover_open;
  j["cutter_error"] = s.cutter_error;
  j["error"] = error ? nlohmann::json(*error) : nlohmann::json(nullptr);
  return j;
}

int render(const ParsedArgs& args, const dp::Profile& profile) {
  if (args.positionals.size() != 3) return usage_error("printer render needs IN.bin and OUT.png");
  auto dots = args.get_int("--dots", 128, 1024);
  if (!dots) return usage_error(dots.error());
  auto options = dp::InterpreterOptions::from(profile);
  if (*dots) {
    if (**dots != 576 && **dots != 512) return usage_error("--dots must be 576 or 512");
    options.dots = static_cast<int>(**dots);
  }
  auto bytes = read_file(args.positionals[1]);
  if (!bytes) return usage_error(bytes.error());
  std::vector<std::string> warnings;
  auto pages = dp::render(*bytes, options, &warnings);
  for (const auto& w : warnings) fmt::print(stderr, "warning: {}\n", w);
  if (pages.empty()) {
    fmt::print(stderr, "kioskctl printer render: {} prints nothing\n", args.positionals[1]);
    return kExitFailure;
  }
  std::filesystem::path out = args.positionals[2];
  for (std::size_t i = 0; i < pages.size(); ++i) {
    std::filesystem::path file = out;
    if (i > 0) {
      file.replace_filename(
          fmt::format("{}-{}{}", out.stem().string(), i + 1, out.extension().string()));
    }
    if (auto written = dp::write_png(pages[i], file); !written) {
      fmt::print(stderr, "kioskctl printer render: {}\n", written.error().message);
      return kExitFailure;
    }
    fmt::print("{} ({}x{} dots)\n", file.string(), pages[i].width, pages[i].height);
  }
  return kExitOk;
}

int status(const ParsedArgs& args, const dp::Profile& profile) {
  auto device = args.get("--device");
  if (!device) return usage_error("printer status needs --device URI");
  auto timeout = args.get_int("--timeout-ms", 10, 60000);
  if (!timeout) return usage_error(timeout.error());
  dp::SpoolerOptions options{.uri = *device, .profile = profile};
  if (*timeout) options.status_timeout = std::chrono::milliseconds(**timeout);
  if (auto endpoint = dp::parse_uri(*device); !endpoint) {
    return usage_error(endpoint.error().message);
  }
  auto s = dp::read_status(options);
  if (!s) {
    fmt::print("{}\n", status_json(dp::Status{}, s.error().message).dump());
    return kExitNoReply;
  }
  fmt::print("{}\n", status_json(*s, s->error_text()).dump());
  return s->replied ? kExitOk : kExitNoReply;
}

int print_bytes(const dp::SpoolerOptions& options, const std::vector<std::uint8_t>& bytes) {
  auto result = dp::print_job(options, bytes, 1, [](const dp::SpoolerEvent& e) {
    if (e.kind == dp::SpoolerEvent::Kind::warning) fmt::print(stderr, "warning: {}\n", e.message);
  });
  switch (result.outcome) {
    case dp::JobResult::Outcome::done:
      fmt::print("printed {} bytes\n", bytes.size());
      return kExitOk;
    case dp::JobResult::Outcome::refused:
      fmt::print(stderr, "kioskctl printer: not printed: {}\n", result.message);
      return kExitRefused;
    case dp::JobResult::Outcome::failed: break;
  }
  fmt::print(stderr, "kioskctl printer: failed: {}\n", result.message);
  return result.status.replied ? kExitFailure : kExitNoReply;
}

int print(const ParsedArgs& args, const dp::Profile& profile) {
  auto device = args.get("--device");
  if (!device || args.positionals.size() != 2) {
    return usage_error("printer print needs --device URI and FILE");
  }
  auto bytes = read_file(args.positionals[1]);
  if (!bytes) return usage_error(bytes.error());
  return print_bytes({.uri = *device, .profile = profile}, *bytes);
}

dp::Document test_page(const dp::Profile& profile, const std::string& device,
                       const std::optional<dp::Status>& status) {
  dp::Document doc;
  doc.text("打印机测试页", {.bold = true, .double_width = true, .double_height = true},
           dp::Align::center);
  doc.text("Printer test page", {}, dp::Align::center).separator(U'=');
  doc.row({"型号 Profile", profile.id}).row({"设备 Device", device});
  doc.row({"宽度 Width", fmt::format("{} dots, {} columns", profile.dots, profile.columns())});
  std::string state = "未知 unknown";
  if (status && status->replied) {
    state = fmt::format("{}, paper {}", status->online ? "online" : "offline",
                        dp::to_string(status->paper));
  } else if (status) {
    state = "无应答 no reply";
  }
  doc.row({"状态 Status", state}).separator();
  doc.text("常规 中文：职工服务中心欢迎您。ABC abc 0123456789");
  doc.text("加粗 Bold 工会", {.bold = true});
  doc.text("下划线 Underline", {.underline = true});
  doc.text("倍高 Double height", {.double_height = true});
  doc.text("倍宽 Wide", {.double_width = true});
  doc.text("居中 Centre", {}, dp::Align::center);
  doc.text("靠右 Right", {}, dp::Align::right);
  const std::vector<dp::Column> table{
      {0, dp::Align::left}, {4, dp::Align::right}, {12, dp::Align::right}};
  doc.row({"项目", "数量", "金额"}, table)
      .row({"住院医疗费用（个人负担）", "1", "1,234.56"}, table);
  doc.separator().qr("https://kiosk.example/test?p=" + profile.id, 6);
  doc.text("扫码测试 QR test", {}, dp::Align::center).feed(3).cut();
  return doc;
}

int test(const ParsedArgs& args, const dp::Profile& profile) {
  auto device = args.get("--device");
  if (!device) return usage_error("printer test needs --device URI");
  dp::SpoolerOptions options{.uri = *device, .profile = profile};
  std::optional<dp::Status> status;
  if (auto s = dp::read_status(options)) status = *s;
  auto encoded = dp::encode(test_page(profile, *device, status), profile);
  if (!encoded) {
    fmt::print(stderr, "kioskctl printer test: {}\n", encoded.error().message);
    return kExitFailure;
  }
  return print_bytes(options, encoded->bytes);
}

int sim(const ParsedArgs& args, const dp::Profile& profile) {
  auto listen = args.get("--listen");
  auto out = args.get("--out");
  if (!listen || !out) return usage_error("printer sim needs --listen HOST:PORT and --out DIR");
  auto colon = listen->rfind(':');
  if (colon == std::string::npos) return usage_error("--listen expects HOST:PORT");
  dp::VirtualPrinterOptions options;
  options.host = listen->substr(0, colon);
  if (options.host.starts_with('[')) options.host = options.host.substr(1, options.host.size() - 2);
  const std::string port = listen->substr(colon + 1);
  auto [end, parsed] = std::from_chars(port.data(), port.data() + port.size(), options.port);
  if (port.empty() || parsed != std::errc{} || end != port.data() + port.size() ||
      options.port < 0 || options.port > 65535) {
    return usage_error(fmt::format("--listen port in '{}' is not 0-65535", *listen));
  }
  options.out_dir = *out;
  options.profile = profile;
  std::string paper = args.get("--paper").value_or("ok");
  std::string cover = args.get("--cover").value_or("closed");
  if (paper == "ok")
    options.state.paper = dp::Paper::ok;
  else if (paper == "near_end")
    options.state.paper = dp::Paper::near_end;
  else if (paper == "out")
    options.state.paper = dp::Paper::out;
  else
    return usage_error("--paper must be ok, near_end or out");
  if (cover != "closed" && cover != "open") return usage_error("--cover must be closed or open");
  options.state.cover_open = cover == "open";
  auto paper_after = args.get_int("--paper-out-after", 0, std::int64_t{1} << 40);
  if (!paper_after) return usage_error(paper_after.error());
  std::string at_end = args.get("--at-paper-end").value_or("stops");
  auto then = dp::VirtualPrinter::AtPaperEnd::stops;
  if (at_end == "keeps_answering")
    then = dp::VirtualPrinter::AtPaperEnd::keeps_answering;
  else if (at_end != "stops")
    return usage_error("--at-paper-end must be stops or keeps_answering");
  if (args.has("--at-paper-end") && !*paper_after) {
    return usage_error("--at-paper-end needs --paper-out-after BYTES");
  }

  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGINT, SIGTERM, SIGUSR1}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // the printer's thread inherits the mask
  auto printer = dp::VirtualPrinter::start(options);
  if (!printer) {
    fmt::print(stderr, "kioskctl printer sim: {}\n", printer.error().message);
    return kExitFailure;
  }
  if (*paper_after) {
    (*printer)->run_out_of_paper_after(static_cast<std::size_t>(**paper_after), then);
  }
  (*printer)->on_page([](const std::filesystem::path& file) {
    fmt::print("page {}\n", file.string());
    std::fflush(stdout);
  });
  fmt::print("virtual printer listening on {} (paper {}, cover {}), pages in {}\n",
             (*printer)->uri(), paper, cover, *out);
  if (*paper_after) {
    fmt::print("the paper runs out after {} bytes of a connection ({} at paper end)\n",
               **paper_after, at_end);
  }
  std::fflush(stdout);
  // SIGUSR1: a new roll, as a person would put in (the cover stays as it is).
  for (int received = 0; sigwait(&signals, &received) == 0 && received == SIGUSR1;) {
    auto state = (*printer)->state();
    state.paper = dp::Paper::ok;
    (*printer)->set_state(state);
    fmt::print("paper refilled\n");
    std::fflush(stdout);
  }
  (*printer)->stop();
  for (const auto& w : (*printer)->warnings()) fmt::print(stderr, "warning: {}\n", w);
  return kExitOk;
}

int run(const Args& raw) {
  if (raw.empty() || raw[0] == "--help" || raw[0] == "-h") {
    fmt::print("{}", kHelp);
    return raw.empty() ? kExitUsage : kExitOk;
  }
  auto args = parse_args(raw, {.options = {"--dots", "--device", "--timeout-ms", "--listen",
                                           "--out", "--paper", "--cover", "--paper-out-after",
                                           "--at-paper-end", "--profile", "--profiles"},
                               .flags = {"--help"}});
  if (!args) return usage_error(args.error());
  if (args->has("--help")) {
    fmt::print("{}", kHelp);
    return kExitOk;
  }
  auto profile = profile_from(*args);
  if (!profile) return usage_error(profile.error());
  const std::string& sub = args->positionals.empty() ? std::string() : args->positionals[0];
  if (sub == "render") return render(*args, *profile);
  if (sub == "status") return status(*args, *profile);
  if (sub == "print") return print(*args, *profile);
  if (sub == "test") return test(*args, *profile);
  if (sub == "sim") return sim(*args, *profile);
  return usage_error(
      fmt::format("unknown printer subcommand '{}'; see kioskctl printer --help", sub));
}

}  // namespace

KIOSKCTL_COMMAND(printer, "printer", "receipt printer: render, status, print, test, sim", run);

}  // namespace kiosk::ctl
