// kioskctl idcard: decode a reader's reply, read a card, find readers, run the simulator.
//
//   kioskctl idcard decode [--hex] [--unmasked] FILE
//   kioskctl idcard read --port PATH [--baud N] [--timeout-ms N] [--unmasked]
//   kioskctl idcard probe [PATH ...]
//   kioskctl idcard sim --link PATH [--card FILE] [--fault KIND ...] [--baud N] [--fast]
#include <glob.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "args.h"
#include "drivers/idcard/card_file.h"
#include "drivers/idcard/frame.h"
#include "drivers/idcard/identity.h"
#include "drivers/idcard/reader.h"
#include "drivers/idcard/simulator.h"
#include "kiosk/core/mask.h"
#include "registry.h"

namespace kiosk::ctl {
namespace {

namespace idc = drivers::idcard;
using std::chrono::milliseconds;

constexpr int kExitNoCard = 3;
constexpr int kExitNoReader = 4;

constexpr const char* kHelp =
    "usage: kioskctl idcard <subcommand>\n"
    "\n"
    "  decode [--hex] [--unmasked] FILE\n"
    "      Decode one reply to \"read fixed info\" (30 01), possibly preceded by noise.\n"
    "      --hex: FILE is hex text instead of raw bytes. Prints JSON; exit 1 if invalid.\n"
    "  read --port PATH [--baud N] [--timeout-ms N] [--unmasked]\n"
    "      Probe the reader, then find, select and read a card. Prints JSON.\n"
    "      Exit 0 read, 3 no card before the timeout\n"
    "      (default 5000 ms), 4 no reader or port error.\n"
    "  probe [PATH ...]\n"
    "      List the serial ports (ttyUSB*, ttyACM*, ttyS*, or the PATHs given) where a\n"
    "      reader answers. Exit 4 if none does.\n"
    "  sim --link PATH [--card FILE] [--fault KIND ...] [--baud N] [--fast]\n"
    "      Run a simulated reader on a pty reachable at PATH until interrupted. --card puts\n"
    "      a card fixture (assets/demo/cards/*.card) on it; SIGUSR1 puts it on again (as if\n"
    "      lifted and replaced), SIGUSR2 lifts it. --baud: the rate the reader is set to\n"
    "      (default 115200). --fast: no processing latencies. Faults:\n"
    "      no-reply, split, noise, bad-checksum, sw-nonzero, read-fail, unauthorised,\n"
    "      self-test, non-id-card, unplug.\n"
    "decode and read print the name and ID number masked, without birth date and address,\n"
    "unless --unmasked.\n";

// How much of the person a command prints. kioskctl's output lands on screens, in terminal
// scrollback and in logs, so the default is the masked form the kiosk's own screen shows;
// --unmasked is for an operator checking a card's fields.
enum class Shown { masked, in_full };

Shown shown_from(const ParsedArgs& args) {
  return args.has("--unmasked") ? Shown::in_full : Shown::masked;
}

nlohmann::ordered_json identity_json(const idc::Identity& id, Shown shown) {
  const bool full = shown == Shown::in_full;
  nlohmann::ordered_json j;
  j["card_type"] = idc::card_type_name(id.card_type);
  bool foreign = id.card_type == idc::CardType::foreign_permanent ||
                 id.card_type == idc::CardType::foreign_permanent_2023;
  if (!id.name.empty() || !foreign) j["name"] = full ? id.name : kiosk::core::mask_name(id.name);
  if (foreign) j["name_en"] = full ? id.name_en : kiosk::core::mask_name(id.name_en);
  j["sex"] = idc::sex_name(id.sex);
  if (id.card_type == idc::CardType::resident) {
    j["nation"] = id.nation;
    j["nation_code"] = id.nation_code;
  }
  // Masked, the birth date and the address are left out: the date would give back the
  // digits the ID number's mask hides, and an address has no masked form that is of use.
  if (full) j["birth_date"] = idc::format_date(id.birth_date);
  if (!foreign && full) j["address"] = id.address;
  j["id_number"] = full ? id.id_number : kiosk::core::mask_id_number(id.id_number);
  if (id.card_type != idc::CardType::foreign_permanent_2023) j["issuer"] = id.issuer;
  j["valid_from"] = idc::format_date(id.valid_from);
  j["valid_to"] = idc::format_expiry(id.valid_to);
  j["id_number_valid"] = id.id_number_valid;
  j["expired"] = id.expired(idc::today_local());
  return j;
}

void print_json(const nlohmann::ordered_json& j) {
  fmt::print("{}\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::optional<idc::Bytes> parse_hex(const std::string& text) {
  idc::Bytes out;
  int high = -1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '0' && i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X') && high < 0) {
      ++i;
      continue;
    }
    int v = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (v < 0) {
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',' || c == ':') {
        if (high >= 0) return std::nullopt;  // a lone hex digit
        continue;
      }
      return std::nullopt;
    }
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(high << 4 | v));
      high = -1;
    }
  }
  if (high >= 0) return std::nullopt;
  return out;
}

int run_decode(const Args& args) {
  auto parsed = parse_args(args, {.options = {}, .flags = {"--hex", "--unmasked"}});
  if (!parsed) return usage_error(parsed.error());
  if (parsed->positionals.size() != 1) return usage_error("idcard decode takes one FILE");
  const std::string& file = parsed->positionals[0];
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "kioskctl idcard decode: cannot open {}\n", file);
    return kExitFailure;
  }
  std::stringstream content;
  content << in.rdbuf();
  std::string raw = content.str();
  idc::Bytes bytes(raw.begin(), raw.end());
  if (parsed->has("--hex")) {
    auto decoded = parse_hex(raw);
    if (!decoded) {
      fmt::print(stderr, "kioskctl idcard decode: {} is not hex text (pairs of hex digits)\n",
                 file);
      return kExitFailure;
    }
    bytes = std::move(*decoded);
  }
  auto fail = [](const std::string& message) {
    fmt::print(stderr, "kioskctl idcard decode: {}\n", message);
    return kExitFailure;
  };

  idc::ReplyDecoder decoder;
  decoder.feed(bytes);
  std::optional<idc::Reply> reply;
  std::optional<idc::FrameFault> first_fault;
  while (auto item = decoder.next()) {
    if (auto* r = std::get_if<idc::Reply>(&*item)) {
      reply = std::move(*r);
      break;
    }
    if (!first_fault) first_fault = std::get<idc::FrameFault>(*item);
  }
  if (!reply) {
    if (first_fault) return fail(first_fault->message);
    if (auto truncated = decoder.finish()) return fail(truncated->message);
    return fail(
        fmt::format("truncated: no GA 467 frame in {} ({} bytes, no preamble AA AA AA 96 69)", file,
                    bytes.size()));
  }
  if (reply->sw3 != idc::sw3::kOk) {
    return fail(fmt::format("status 0x{:02X}: {}", reply->sw3, idc::describe_sw3(reply->sw3)));
  }
  auto card = idc::parse_card_data(reply->data, idc::Fingerprint::absent);
  if (!card) {
    auto with_fp = idc::parse_card_data(reply->data, idc::Fingerprint::present);
    if (!with_fp) return fail("length: " + card.error().message);
    card = std::move(with_fp);
  }
  auto identity = idc::decode_identity(card->text);
  if (!identity) return fail(identity.error().message);
  print_json(identity_json(*identity, shown_from(*parsed)));
  identity->wipe();
  return kExitOk;
}

int run_read(const Args& args) {
  auto parsed =
      parse_args(args, {.options = {"--port", "--baud", "--timeout-ms"}, .flags = {"--unmasked"}});
  if (!parsed) return usage_error(parsed.error());
  if (!parsed->positionals.empty()) return usage_error("idcard read takes no positional arguments");
  auto port = parsed->get("--port");
  if (!port) return usage_error("idcard read needs --port PATH");
  auto baud = parsed->get_int("--baud", 1200, 921600);
  if (!baud) return usage_error(baud.error());
  auto timeout = parsed->get_int("--timeout-ms", 0, 3'600'000);
  if (!timeout) return usage_error(timeout.error());

  idc::ReaderOptions options;
  options.baud = static_cast<unsigned>(baud->value_or(0));
  auto reader = idc::Reader::open(*port, options);
  if (!reader) {
    if (reader.error().kind == idc::Error::Kind::bad_argument) {
      return usage_error(reader.error().message);
    }
    fmt::print(stderr, "kioskctl idcard read: {}\n", reader.error().message);
    return kExitNoReader;
  }
  auto deadline = std::chrono::steady_clock::now() + milliseconds(timeout->value_or(5000));
  for (;;) {
    auto card = reader->read_card();
    if (card) {
      print_json(identity_json(card->identity, shown_from(*parsed)));
      card->identity.wipe();
      return kExitOk;
    }
    const auto& e = card.error();
    bool reader_fault =
        e.kind == idc::Error::Kind::port ||
        (e.kind == idc::Error::Kind::status &&
         (e.sw3 == idc::sw3::kSelfTestFailed || e.sw3 == idc::sw3::kSamNotAuthorised ||
          e.sw3 == idc::sw3::kUnauthorised));
    if (reader_fault) {
      fmt::print(stderr, "kioskctl idcard read: {}\n", e.message);
      return kExitNoReader;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      bool silent = e.kind == idc::Error::Kind::timeout || e.kind == idc::Error::Kind::frame;
      if (silent) {
        fmt::print(stderr, "kioskctl idcard read: the reader stopped answering: {}\n", e.message);
        return kExitNoReader;
      }
      fmt::print(stderr, "kioskctl idcard read: no card read within {} ms: {}\n",
                 timeout->value_or(5000), e.message);
      return kExitNoCard;
    }
    std::this_thread::sleep_for(milliseconds(100));
  }
}

int run_probe(const Args& args) {
  auto parsed = parse_args(args, {});
  if (!parsed) return usage_error(parsed.error());
  std::vector<std::string> paths = parsed->positionals;
  if (paths.empty()) {
    for (const char* pattern : {"/dev/ttyUSB*", "/dev/ttyACM*", "/dev/ttyS*"}) {
      glob_t g{};
      if (::glob(pattern, 0, nullptr, &g) == 0) {
        for (std::size_t i = 0; i < g.gl_pathc; ++i) paths.emplace_back(g.gl_pathv[i]);
      }
      ::globfree(&g);
    }
  }
  idc::ReaderOptions options;
  options.timeouts.probe = milliseconds(200);
  int found = 0;
  for (const auto& path : paths) {
    auto reader = idc::Reader::open(path, options);
    if (!reader) continue;
    auto sam = reader->sam_id();
    fmt::print("{}\t{} baud\tSAM {}\n", path, reader->baud(), sam ? *sam : "unknown");
    ++found;
  }
  if (found == 0) {
    fmt::print(stderr, "kioskctl idcard probe: no ID-card reader answered on {} port(s)\n",
               paths.size());
    return kExitNoReader;
  }
  return kExitOk;
}

int run_sim(const Args& args) {
  auto parsed =
      parse_args(args, {.options = {"--link", "--card", "--fault", "--baud"}, .flags = {"--fast"}});
  if (!parsed) return usage_error(parsed.error());
  if (!parsed->positionals.empty()) return usage_error("idcard sim takes no positional arguments");
  auto link = parsed->get("--link");
  if (!link) return usage_error("idcard sim needs --link PATH");
  auto baud = parsed->get_int("--baud", 1200, 921600);
  if (!baud) return usage_error(baud.error());

  idc::SimulatorOptions options;
  options.link = *link;
  options.baud = static_cast<unsigned>(baud->value_or(115200));
  if (parsed->has("--fast")) options.latencies = idc::SimulatorLatencies::zero();
  for (const auto& fault : parsed->get_all("--fault")) {
    if (auto ok = idc::apply_fault(options.faults, fault); !ok)
      return usage_error(ok.error().message);
  }
  if (auto card_file = parsed->get("--card")) {
    auto card = idc::load_card_fixture(*card_file);
    if (!card) return usage_error(card.error().message);
    options.cards.push_back(std::move(*card));
  }

  // Signals are taken by sigwait below; block them before the simulator's thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto sim = idc::Simulator::start(options);
  if (!sim) {
    fmt::print(stderr, "kioskctl idcard sim: {}\n", sim.error().message);
    return sim.error().kind == idc::Error::Kind::bad_argument ? kExitUsage : kExitFailure;
  }
  if (!options.cards.empty()) (*sim)->put_card(0);
  fmt::print("simulated ID-card reader at {} ({} baud){}; Ctrl-C stops it\n", (*sim)->path(),
             options.baud,
             options.cards.empty() ? "" : fmt::format(", card: {}", options.cards[0].label));
  std::fflush(stdout);
  for (;;) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) break;
    if (sig == SIGUSR1 && !options.cards.empty()) {
      (*sim)->put_card(0);
    } else if (sig == SIGUSR2) {
      (*sim)->lift_card();
    } else if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
      break;
    }
  }
  auto stats = (*sim)->stats();
  (*sim)->stop();
  fmt::print("simulator stopped: {} commands, {} replies, {} cards read\n", stats.commands,
             stats.replies, stats.reads);
  return kExitOk;
}

int run_idcard(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    fmt::print("{}", kHelp);
    return args.empty() ? kExitUsage : kExitOk;
  }
  Args rest(args.begin() + 1, args.end());
  if (args[0] == "decode") return run_decode(rest);
  if (args[0] == "read") return run_read(rest);
  if (args[0] == "probe") return run_probe(rest);
  if (args[0] == "sim") return run_sim(rest);
  return usage_error(
      fmt::format("unknown idcard subcommand '{}'; `kioskctl idcard --help` lists them", args[0]));
}

}  // namespace
}  // namespace kiosk::ctl

KIOSKCTL_COMMAND(idcard, "idcard", "ID-card reader: decode a reply, read a card, probe, simulate",
                 kiosk::ctl::run_idcard);
