// kiosk-central: the reference central server for development, tests and pilots.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "commands.h"

namespace {
constexpr const char* kUsage =
    "usage:\n"
    "  kiosk-central --listen unix:PATH --db DB [--key PATH] [--connections N] [--demo-data]\n"
    "      [--group-commit on|off]\n"
    "      serve the v1 API in plain HTTP on a Unix socket behind nginx, which terminates\n"
    "      mutual TLS and passes the verified client certificate's subject (deploy/central.sh\n"
    "      runs both); the socket's folder must be 0700; the first line on stdout is\n"
    "      \"listening on unix:PATH\"\n"
    "  DB is sqlite:PATH (or PATH; the key is PATH.key) or postgresql://USER@HOST/NAME or\n"
    "      postgresql:///NAME?host=/socket/dir (then --key names the sealing key, shared by\n"
    "      every kiosk-central on that database; --connections: per process, default 8)\n"
    "  --group-commit on (the default): claims arriving together are checked and written in\n"
    "      one transaction, one commit and fsync for all, each answered after it; off: one\n"
    "      transaction per claim\n"
    "operator commands (each takes --db DB [--key PATH]):\n"
    "  kiosk-central list-claims [--centre C] [--terminal T] [--status S] [--from DATE] [--to "
    "DATE]\n"
    "      one JSON line per claim, in the order received; dates are YYYY-MM-DD, inclusive\n"
    "  kiosk-central export-claims [the same filters]\n"
    "      CSV for the finance office: id, centre, terminal, state, reason, times, amounts\n"
    "  kiosk-central set-status CLAIM STATUS [--reason TEXT]\n"
    "      move a claim to reviewing, approved, paid or rejected (rejected needs --reason)\n"
    "  kiosk-central fleet [--centre C] [--format table|json]\n"
    "      each terminal's last heartbeat: time, version, printer and reader, queue length\n";
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  try {
    if (args[0] == "list-claims") return server::cli::list_claims({args.begin() + 1, args.end()});
    if (args[0] == "set-status") return server::cli::set_status({args.begin() + 1, args.end()});
    if (args[0] == "export-claims") {
      return server::cli::export_claims({args.begin() + 1, args.end()});
    }
    if (args[0] == "fleet") return server::cli::fleet({args.begin() + 1, args.end()});
    return server::cli::serve(args);
  } catch (const std::exception& e) {
    fmt::print(stderr, "kiosk-central: unexpected error: {}\n", e.what());
    return 1;
  }
}
