// kioskctl: the operators' and the tests' command line. Each command lives in commands/.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "args.h"
#include "base/version.h"
#include "registry.h"

namespace {
void print_help() {
  fmt::print("usage: kioskctl <command> [arguments]\n\ncommands:\n");
  for (const auto& command : kiosk::ctl::all_commands()) {
    fmt::print("  {:<10} {}\n", command.name, command.summary);
  }
  fmt::print(
      "\n`kioskctl <command> --help` describes a command; `kioskctl --version` prints "
      "the version.\n");
}
}  // namespace

int main(int argc, char** argv) {
  // Every file a command writes (receipts, statements, exports, stores) is for this user only.
  kiosk::ctl::private_files();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help();
    return args.empty() ? kiosk::ctl::kExitUsage : kiosk::ctl::kExitOk;
  }
  if (args[0] == "--version") {
    fmt::print("kioskctl {}\n", base::kVersion);
    return kiosk::ctl::kExitOk;
  }
  const auto* command = kiosk::ctl::find_command(args[0]);
  if (command == nullptr) {
    fmt::print(stderr, "kioskctl: unknown command '{}'; `kioskctl --help` lists them\n", args[0]);
    return kiosk::ctl::kExitUsage;
  }
  args.erase(args.begin());
  try {
    return command->run(args);
  } catch (const std::exception& e) {
    // Commands return errors as values; this is the last line of defence.
    fmt::print(stderr, "kioskctl {}: unexpected error: {}\n", command->name, e.what());
    return kiosk::ctl::kExitFailure;
  }
}
